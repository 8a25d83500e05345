import type { Activity, CloudAdapter, InvokeResponse, TurnContext } from 'botbuilder';

type ProcessActivity = (authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) => Promise<InvokeResponse | undefined>;

/**
 * Runs an already validated activity through the adapter: authentication, then the turn. CloudAdapter.process would
 * parse req.body again and print rejected tokens with console.error; its own processActivity step (protected, but
 * the documented extension point of CloudAdapterBase) does the same work and leaves the answer and the logging to us.
 */
export function processValidatedActivity(
  adapter: CloudAdapter,
  authHeader: string,
  activity: Activity,
  logic: (context: TurnContext) => Promise<void>,
): Promise<InvokeResponse | undefined> {
  const process = (adapter as unknown as { processActivity: ProcessActivity }).processActivity.bind(adapter);
  return process(authHeader, activity, logic);
}
