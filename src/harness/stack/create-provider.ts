/** Picks and builds the stack provider a resolved configuration asks for. */
import { DockerProvider } from './docker-provider.js';
import { EmbeddedProvider } from './embedded-provider.js';
import { ExternalProvider } from './external-provider.js';
import type { ProviderName, StackProvider } from './stack-provider.js';

export interface ProviderChoice {
  readonly provider: ProviderName;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly onLog?: (line: string) => void;
}

export function createProvider(choice: ProviderChoice): StackProvider {
  switch (choice.provider) {
    case 'embedded':
      return new EmbeddedProvider({
        ...(choice.redisUrl ? { redisUrl: choice.redisUrl } : {}),
        ...(choice.onLog ? { onLog: choice.onLog } : {}),
      });
    case 'external':
      return new ExternalProvider({
        databaseUrl: choice.databaseUrl ?? '',
        ...(choice.redisUrl ? { redisUrl: choice.redisUrl } : {}),
      });
    case 'docker':
      return new DockerProvider();
  }
}
