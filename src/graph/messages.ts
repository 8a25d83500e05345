/** The sentences this module gives the conversation. Plain, one each, never a status code or a Graph message. */
export const GRAPH_MESSAGES = {
  unavailable: "I couldn't check your account right now, so I'll ask instead.",
  unavailableOther: "I couldn't check that account right now.",
  otherNotFound: "I couldn't find that account in the directory. Check the spelling of the sign-in name.",
  refused:
    "I can only look at your own account. Checking someone else's is for helpdesk agents and admins, so that nobody can read a colleague's security setup.",
  refusedUnverified: "I couldn't confirm that you're a helpdesk agent right now, so I can't check someone else's account.",
  notConfigured: "Account checks aren't set up for this bot, so I can't look at an account.",
  lag: 'Checked a moment ago; the directory may lag a few hours.',
} as const;
