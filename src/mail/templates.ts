/**
 * The e-mails Caseline sends to customers, as pure functions from what the mail must say to
 * its subject, text body and HTML body. Sending, headers and addresses are not done here.
 *
 * Every value in a subject is flattened to one line (no header injection), every value in
 * the HTML is escaped, and every link must be http(s). Times come from the input and are
 * shown in the account's time zone, so one input always gives the same mail.
 */
import {
  asWritten, button, checkLink, codeBlock, formatTime, heading, html, htmlDocument, link,
  oneLine, paragraph, quotedText, subjectLine, textDocument, wrap,
} from './template-parts.js';

export interface MailContent { subject: string; text: string; html: string }

/** The sign-off: the account, not Caseline, is who the customer deals with. */
function signOff(accountName: string) {
  const name = oneLine(accountName);
  return { text: `Kind regards,\n${wrap(name)}`, html: paragraph(html`Kind regards,<br>${name}`) };
}

/** A public message from staff, mailed to the case's contact e-mail. Only this message is
 *  included, never the rest of the thread: what else the case holds is for the portal. */
export function messageNotification(i: {
  accountName: string; caseNo: number; caseSubject: string;
  message: { body: string; authorName: string; createdAt: string /* ISO UTC */ };
  timezone: string /* IANA, the account's */; portalUrl: string /* e.g. https://x/portal */;
}): MailContent {
  const portalUrl = checkLink(i.portalUrl);
  const caseLine = `Case #${i.caseNo}: ${oneLine(i.caseSubject)}`;
  const wrote = `${oneLine(i.message.authorName)} wrote on `
    + `${formatTime(i.message.createdAt, i.timezone)}:`;
  const answer = 'To answer, reply to this e-mail: your reply is added to the case. '
    + 'You can also follow the case online:';
  const sign = signOff(i.accountName);

  const text = textDocument([
    wrap(caseLine),
    wrap(wrote),
    asWritten(i.message.body),
    `${wrap(answer)}\n${portalUrl}`,
    sign.text,
  ]);
  const subject = subjectLine(`[Case #${i.caseNo}] ${i.caseSubject}`);
  const body = htmlDocument(subject, [
    heading(caseLine),
    paragraph(wrote),
    quotedText(i.message.body),
    paragraph(html`${answer} ${link(portalUrl)}`),
    sign.html,
  ]);
  return { subject, text, html: body };
}

/** How to follow the case online: one-click link, and for those who type: portal address,
 *  Case # and code. */
export function pairingInstruction(i: {
  accountName: string; caseNo: number; caseSubject: string;
  pairLink: string /* {PUBLIC_URL}/portal/pair?token=TOKEN */; portalUrl: string;
  accountSlug: string; code: string; expiresAt: string /* ISO */; timezone: string;
}): MailContent {
  const pairLink = checkLink(i.pairLink);
  const portalUrl = checkLink(i.portalUrl);
  const account = oneLine(i.accountName);
  const slug = oneLine(i.accountSlug);
  const code = oneLine(i.code);
  const invite = `${account} invites you to follow your case "${oneLine(i.caseSubject)}" `
    + 'online, where you can read the answers and write your own.';
  const typeIn = 'If the link does not open, go to the portal and type in these details:';
  const expiry = `The link and the code expire on ${formatTime(i.expiresAt, i.timezone)}.`;
  const once = 'They work only once; if you did not expect this e-mail, you can ignore it.';
  const sign = signOff(i.accountName);

  const text = textDocument([
    'Hello,',
    wrap(invite),
    'Open this link to follow the case:',
    pairLink,
    wrap(typeIn),
    [`Portal: ${portalUrl}`, `Account: ${slug}`, `Case #${i.caseNo}`, `Pairing code: ${code}`]
      .join('\n'),
    wrap(`${expiry} ${once}`),
    sign.text,
  ]);
  const subject = subjectLine(`[Case #${i.caseNo}] Follow your case online`);
  const body = htmlDocument(subject, [
    paragraph('Hello,'),
    paragraph(invite),
    button(pairLink, `Follow case #${i.caseNo}`),
    paragraph(typeIn),
    paragraph(html`Portal: ${link(portalUrl)}<br>
Account: <strong>${slug}</strong><br>
Case #${i.caseNo}`),
    paragraph('Pairing code:'),
    codeBlock(code),
    paragraph(`${expiry} ${once}`),
    sign.html,
  ]);
  return { subject, text, html: body };
}

/** A sign-in link to the portal, asked for by the customer. */
export function portalLogin(i: {
  accountName: string; loginLink: string; portalUrl: string; expiresAt: string; timezone: string;
}): MailContent {
  const loginLink = checkLink(i.loginLink);
  const portalUrl = checkLink(i.portalUrl);
  const account = oneLine(i.accountName);
  const intro = `Here is your link to sign in to the customer portal of ${account}, `
    + 'where you can follow your cases:';
  const expiry = `The link expires on ${formatTime(i.expiresAt, i.timezone)}.`;
  const once = 'It works only once; if you did not ask for it, you can ignore this e-mail.';
  const portal = 'You can ask for a new link on the portal at any time:';
  const sign = signOff(i.accountName);

  const text = textDocument([
    'Hello,',
    wrap(intro),
    loginLink,
    wrap(`${expiry} ${once}`),
    `${wrap(portal)}\n${portalUrl}`,
    sign.text,
  ]);
  const subject = subjectLine(`Your sign-in link for ${i.accountName}`);
  const body = htmlDocument(subject, [
    paragraph('Hello,'),
    paragraph(intro),
    button(loginLink, 'Sign in'),
    paragraph(`${expiry} ${once}`),
    paragraph(html`${portal} ${link(portalUrl)}`),
    sign.html,
  ]);
  return { subject, text, html: body };
}
