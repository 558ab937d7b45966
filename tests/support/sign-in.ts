import type { TestApp } from './test-app.ts';
import { csrfTokenIn, visitor } from './test-app.ts';

/** The sign-in link in the newest email sent to an address, once the outbox has delivered it. */
export async function signInLinkFor(test: TestApp, email: string): Promise<URL> {
  await test.deliverMail();
  const message = [...test.mail].reverse().find((sent) => sent.to === email.toLowerCase());
  if (!message) throw new Error(`no email was sent to ${email}`);
  const match = /https?:\/\/\S+\/entrar\/enlace\?token=[\w%-]+/.exec(message.text);
  if (!match) throw new Error('the email has no sign-in link');
  return new URL(match[0]);
}

/** Signs a visitor in through the email link, as a person would; returns the signed-in visitor. */
export async function signInByEmail(test: TestApp, email: string, returnTo?: string) {
  const person = visitor(test.app);
  const token = await person.csrfToken('/entrar');
  await person
    .postForm('/entrar', { _csrf: token, email, ...(returnTo ? { volver: returnTo } : {}) })
    .expect(200);
  const link = await signInLinkFor(test, email);
  const confirm = await person.get(`${link.pathname}${link.search}`).expect(200);
  const response = await person.postForm('/entrar/enlace', {
    _csrf: csrfTokenIn(confirm.text),
    token: link.searchParams.get('token')!,
  });
  if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`);
  return { person, redirectedTo: response.headers.location as string };
}
