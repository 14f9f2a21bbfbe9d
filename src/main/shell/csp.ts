// The dashboard's Content-Security-Policy. It talks to the engine over IPC only, so it needs no
// network access of its own; the dev server additionally needs Vite's inline React preamble
// and its HMR websocket.

export function contentSecurityPolicy(dev: boolean): string {
  const directives = [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "worker-src 'self'",
  ];
  return directives.join('; ');
}
