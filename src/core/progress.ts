/**
 * Progress of a seeding run. The library reports phases and rows; the CLI chooses how to show
 * them: a live bar with rows/s when stderr is a terminal, one line per phase otherwise.
 */
import cliProgress from 'cli-progress';

/** What seedDataset tells its caller as it goes. */
export interface SeedProgress {
  /** A phase starts; `totalRows` when it moves rows. The previous phase has ended. */
  phase(name: string, totalRows?: number): void;
  /** `count` more rows went out in the current phase. */
  rows(count: number): void;
  /** The run is over (also after a failure). */
  end(): void;
}

/** Reports nothing. @default for library callers */
export const silentProgress: SeedProgress = Object.freeze({
  phase: () => undefined,
  rows: () => undefined,
  end: () => undefined,
});

/** Prints to `stream` (stderr by default): a bar with rows/s on a terminal, else a line per phase. */
export function streamProgress(stream: NodeJS.WriteStream = process.stderr): SeedProgress {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

class LineProgress implements SeedProgress {
  readonly #stream: NodeJS.WritableStream;
  #current: { name: string; started: number; rows: number } | undefined;

  constructor(stream: NodeJS.WritableStream) {
    this.#stream = stream;
  }

  phase(name: string): void {
    this.#close();
    this.#current = { name, started: performance.now(), rows: 0 };
  }

  rows(count: number): void {
    if (this.#current) this.#current.rows += count;
  }

  end(): void {
    this.#close();
  }

  #close(): void {
    const current = this.#current;
    if (!current) return;
    const seconds = (performance.now() - current.started) / 1000;
    const rate =
      current.rows > 0
        ? `, ${current.rows.toLocaleString('en-US')} rows, ${Math.round(current.rows / seconds).toLocaleString('en-US')} rows/s`
        : '';
    this.#stream.write(`seed: ${current.name} ${seconds.toFixed(2)} s${rate}\n`);
    this.#current = undefined;
  }
}

class BarProgress implements SeedProgress {
  readonly #bar: cliProgress.SingleBar;
  readonly #lines: LineProgress;
  #started = 0;
  #value = 0;
  #active = false;

  constructor(stream: NodeJS.WriteStream) {
    this.#lines = new LineProgress(stream);
    this.#bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'seed: {phase} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s',
        clearOnComplete: true,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  phase(name: string, totalRows?: number): void {
    this.#stop();
    this.#lines.phase(name);
    if (totalRows === undefined) return;
    this.#started = performance.now();
    this.#value = 0;
    this.#active = true;
    this.#bar.start(totalRows, 0, { phase: name, rate: 0 });
  }

  rows(count: number): void {
    this.#lines.rows(count);
    if (!this.#active) return;
    this.#value += count;
    const seconds = (performance.now() - this.#started) / 1000;
    this.#bar.update(this.#value, {
      rate: seconds > 0 ? Math.round(this.#value / seconds).toLocaleString('en-US') : 0,
    });
  }

  end(): void {
    this.#stop();
    this.#lines.end();
  }

  #stop(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#bar.stop();
  }
}
