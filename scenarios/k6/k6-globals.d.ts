// The few k6 APIs the scripts use, declared here so the repository needs no @types/k6.
declare const __ENV: Record<string, string | undefined>;
declare const __VU: number;
declare const __ITER: number;
declare function open(path: string): string;

declare module 'k6' {
  export function sleep(seconds: number): void;
  export function group<T>(name: string, fn: () => T): T;
}

declare module 'k6/http' {
  export interface Response {
    readonly status: number;
    readonly body: string | null;
  }
  export interface Params {
    headers?: Record<string, string>;
    tags?: Record<string, string>;
    responseCallback?: unknown;
  }
  export function request(method: string, url: string, body?: string | null, params?: Params): Response;
  export function expectedStatuses(...statuses: Array<number | { min: number; max: number }>): unknown;
}

declare module 'k6/metrics' {
  export class Counter {
    constructor(name: string);
    add(value: number, tags?: Record<string, string>): void;
  }
}

declare module 'k6/execution' {
  const exec: {
    readonly scenario: { readonly startTime: number; readonly iterationInTest: number; readonly name: string };
    readonly vu: { readonly idInTest: number };
  };
  export default exec;
}
