import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Dialog, DialogContext, DialogState, DialogStateManagerConfiguration, DialogTurnResult } from 'botbuilder-dialogs';
import { DialogSet, DialogTurnStatus } from './framework.js';
import { InterruptibleDialog, type InterruptionDeps } from './interruptibleDialog.js';
import { MAIN_DIALOG, TROUBLESHOOT_DIALOG, TURN_PROMPT } from './ids.js';
import type { TroubleshootOptions } from './options.js';
import { turnOf } from './turnInput.js';
import { TurnPrompt } from './turnPrompt.js';

/**
 * The turn-state key under which botbuilder-dialogs keeps a turn's memory-scope configuration (the package does not
 * export the constant).
 */
const STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The dialogs the main dialog routes to, built by the composition root. */
export interface MainDialogChildren {
  readonly troubleshoot: Dialog;
  readonly feedback: Dialog;
  readonly escalation: Dialog;
}

/**
 * Routes a message that no prompt is waiting for: help, start over and small talk get their reply, anything else
 * starts troubleshooting. While a prompt waits, the base dialog handles interruptions for every prompt.
 */
export class MainDialog extends InterruptibleDialog {
  constructor(deps: InterruptionDeps, children: MainDialogChildren) {
    super(MAIN_DIALOG, deps);
    this.addDialog(new TurnPrompt(TURN_PROMPT));
    this.addDialog(children.troubleshoot);
    this.addDialog(children.feedback);
    this.addDialog(children.escalation);
  }

  private readonly sets = new WeakMap<StatePropertyAccessor<DialogState>, DialogSet>();
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  /** Continues the conversation in progress, or starts a new one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    let dialogs = this.sets.get(accessor);
    if (!dialogs) this.sets.set(accessor, (dialogs = new DialogSet(accessor).add(this)));
    // Without one in turn state, a turn's first dialog context builds the memory scopes from every registered
    // component (a service collection, schema checks). They are the same on every turn, so the first turn's are
    // kept and handed to the next ones, as DialogManager's stateConfiguration option does.
    if (this.stateConfiguration) context.turnState.set(STATE_MANAGER_CONFIGURATION, this.stateConfiguration);
    const dc = await dialogs.createContext(context);
    this.stateConfiguration ??= context.turnState.get(STATE_MANAGER_CONFIGURATION) as DialogStateManagerConfiguration | undefined;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  protected override async route(innerDc: DialogContext): Promise<DialogTurnResult> {
    const turn = turnOf(innerDc.context);
    if (turn.command === 'help') return this.help(innerDc);
    if (turn.command === 'restart') return this.restart(innerDc);
    if (turn.smallTalk) {
      const handled = await this.smallTalk(innerDc, turn.smallTalk, false);
      if (handled) return handled;
    }
    const options: TroubleshootOptions = { texts: [turn.text], answers: [] };
    return innerDc.beginDialog(TROUBLESHOOT_DIALOG, options);
  }
}
