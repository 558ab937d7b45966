import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError } from 'smtp-server';

const HOST = '127.0.0.1';

/** A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed. */
export interface SmtpPeer {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message accepted, parsed, in the order they finished. */
  messages: ParsedMail[];
  /** Messages refused because of reject(): attempts the peer saw that delivered nothing. */
  refused: number;
  /** Connections opened by clients since the peer started. */
  connections: number;
  /** How long each message waits before it is answered, to make sends overlap. */
  delayMs: number;
  /** Answers every message with this SMTP code (e.g. 451) until called with null. */
  reject(code: number | null): void;
  /** Refuses this recipient with an SMTP code (e.g. 550) until called with null; others pass. */
  rejectRecipient(address: string, code: number | null): void;
  /** While true, refuses every sign-in (535), as a server with changed credentials would. */
  rejectLogins: boolean;
  /** Stops listening and drops open connections at once, as a crashed server would. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

export async function startSmtpPeer(options: { delayMs?: number } = {}): Promise<SmtpPeer> {
  let rejectCode: number | null = null;
  const refusedRecipients = new Map<string, number>();

  const handleData = async (stream: SMTPServerDataStream): Promise<void> => {
    // The stream must be read to its end whatever the answer, or the connection stalls.
    const raw = await readAll(stream);
    if (peer.delayMs > 0) await sleep(peer.delayMs);
    if (rejectCode !== null) {
      peer.refused += 1;
      const error: SMTPServerError = new Error(`Refused by the test peer (${rejectCode})`);
      error.responseCode = rejectCode;
      throw error;
    }
    peer.messages.push(await simpleParser(raw));
  };

  const listen = (port: number) =>
    new Promise<SMTPServer>((resolve, reject) => {
      const server = new SMTPServer({
        disabledCommands: ['STARTTLS'],
        authOptional: true,
        // Plain-text sign-in without TLS, as only a test on 127.0.0.1 may do.
        allowInsecureAuth: true,
        logger: false,
        onAuth(auth, _session, callback) {
          if (peer.rejectLogins) callback(new Error('Invalid username or password'));
          else callback(null, { user: auth.username });
        },
        onRcptTo(address, _session, callback) {
          const code = refusedRecipients.get(address.address.toLowerCase());
          if (code === undefined) return callback();
          const error: SMTPServerError = new Error(`Recipient refused by the test peer (${code})`);
          error.responseCode = code;
          callback(error);
        },
        onConnect(_session, callback) {
          peer.connections += 1;
          callback();
        },
        onData(stream, _session, callback) {
          handleData(stream).then(
            () => callback(),
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        },
      });
      let listening = false;
      // A client that hangs up mid-session is an 'error' event: expected here, not a crash.
      server.on('error', (error) => {
        if (!listening) reject(error);
      });
      server.listen(port, HOST, () => {
        listening = true;
        resolve(server);
      });
    });

  let server = await listen(0);
  const { port } = server.server.address() as { port: number };

  const peer: SmtpPeer = {
    port,
    url: `smtp://${HOST}:${port}`,
    messages: [],
    refused: 0,
    connections: 0,
    delayMs: options.delayMs ?? 0,
    reject(code) {
      rejectCode = code;
    },
    rejectRecipient(address, code) {
      if (code === null) refusedRecipients.delete(address.toLowerCase());
      else refusedRecipients.set(address.toLowerCase(), code);
    },
    rejectLogins: false,
    stop() {
      const current = server;
      return new Promise((resolve) => {
        current.close(() => resolve());
        // close() alone waits up to 30 s for pooled clients to leave: drop them now.
        for (const connection of current.connections) {
          connection.send(421, 'Service shutting down');
          connection.close();
        }
      });
    },
    async restart() {
      server = await listen(port);
    },
  };
  return peer;
}
