/** Mechanisms this model implements (any others in mech_list are not offered): EHLO's AUTH line needs only this. */
export const IMPLEMENTED_MECHANISMS: ReadonlySet<string> = new Set(['PLAIN', 'LOGIN']);
