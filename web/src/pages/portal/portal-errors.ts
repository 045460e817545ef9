/**
 * The portal's words for its refusals. A link or code that is wrong, used or
 * expired gets one plain sentence: the server says nothing about which part
 * was wrong, and neither do we. Too many tries keep the server's wait time.
 */
import { ApiError } from '../../api/client';

export const LINK_OR_CODE_FAILED =
  'This link or code does not work. It may have been used already or expired.';

export const SIGN_IN_LINK_FAILED =
  'This sign-in link does not work. It may have been used already or expired.';

/**
 * 404 (wrong, used or expired) becomes `sentence`. A 400 about the token is
 * the same thing for a link; a 400 naming typed fields stays, to show by them.
 */
export function toPortalError(err: unknown, sentence: string): unknown {
  if (!(err instanceof ApiError)) return err;
  const badLink = err.status === 400 && Object.keys(err.fields).every((f) => f === 'token');
  if (err.status === 404 || badLink) return new ApiError(err.status, err.code, sentence);
  return err;
}
