// The renderer origin inside Electron: the session's handler for http answers exactly that origin from main
// (renderer-origin.ts), so no request for it ever reaches a socket another process could be listening on;
// every other http URL goes on to the network unchanged. Registered before any window loads the origin.
import { net, type Session } from 'electron';
import { isRendererUrl } from '../origin/request-guards';
import type { RendererHandler } from '../origin/renderer-origin';

export function serveRendererOrigin(session: Pick<Session, 'protocol'>, origin: string, handler: RendererHandler): void {
  // A start-up retried after a later step failed registers again: replace, don't throw.
  if (session.protocol.isProtocolHandled('http')) session.protocol.unhandle('http');
  session.protocol.handle('http', (request) =>
    isRendererUrl(request.url, origin)
      ? handler({ method: request.method, url: request.url })
      : net.fetch(request, { bypassCustomProtocolHandlers: true }),
  );
}
