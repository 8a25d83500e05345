/** Constant dialog ids: they are stored in conversation state, so renaming one strands live conversations. */
export const MAIN_DIALOG = 'main';
export const TROUBLESHOOT_DIALOG = 'troubleshoot';
export const FEEDBACK_DIALOG = 'feedback';
export const ESCALATION_DIALOG = 'escalation';
/** The prompt every waterfall waits with (kept as 'text', the id stored conversations already carry). */
export const TURN_PROMPT = 'text';
