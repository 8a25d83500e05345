import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { MemberInfo } from '../triage/index.js';

/** Name and email/UPN of the sender via TeamsInfo; outside Teams (or on any error) only what the activity says. */
export async function lookupTeamsMember(context: TurnContext): Promise<MemberInfo> {
  const from = context.activity.from;
  if (context.activity.channelId !== 'msteams' || !from?.id) return { name: from?.name };
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    return { name: member.name ?? from.name, email: member.email ?? member.userPrincipalName };
  } catch {
    // Teams may refuse (e.g. the bot is not installed for that user yet): asking the user is the fallback.
    return { name: from.name };
  }
}
