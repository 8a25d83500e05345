import * as index from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import * as framework from '../../dialogs/framework.js';

describe("the dialogs' botbuilder-dialogs classes, from their own files", () => {
  it.each(Object.keys(framework))('%s is the package index’s very export', (name) => {
    expect(framework[name as keyof typeof framework]).toBe(index[name as keyof typeof index]);
  });

  it('names every class the dialogs construct or extend', () => {
    expect(Object.keys(framework).sort()).toEqual(['ComponentDialog', 'DialogSet', 'DialogTurnStatus', 'Prompt', 'WaterfallDialog']);
  });
});
