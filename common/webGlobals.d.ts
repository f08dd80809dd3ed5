// The WHATWG URL classes exist in every runtime common/ runs in (Node, Chromium). Their full types come
// from the DOM lib or Node's types, neither of which common/ may assume (tsconfig.common.json), so the
// part common/ uses is declared here; under the other tsconfigs these merge with the full declarations.
declare global {
  interface URL {
    readonly protocol: string;
    readonly hostname: string;
  }
  var URL: { new (url: string, base?: string): URL; prototype: URL };
  interface URLSearchParams {
    set(name: string, value: string): void;
    toString(): string;
  }
  var URLSearchParams: { new (init?: Record<string, string>): URLSearchParams; prototype: URLSearchParams };
}
export {};
