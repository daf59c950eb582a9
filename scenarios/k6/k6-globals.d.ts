// The few k6 APIs the scripts use, declared here so the repository needs no @types/k6.
declare const __ENV: Record<string, string | undefined>;
declare const __VU: number;
declare const __ITER: number;
declare function open(path: string): string;

declare module 'k6' {
  export function sleep(seconds: number): void;
}

declare module 'k6/http' {
  export interface Response { readonly status: number }
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
