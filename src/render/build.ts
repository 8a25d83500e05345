import type { CodeType, Topic, TopicCode } from '../knowledge/types.js';
import labels from '../../cards/labels.json' with { type: 'json' };
import type { ResolutionCardData, View } from './cardData.js';

/** How each kind of code is shown ("{value}" is replaced); kinds without a format (names) are not shown. */
const CODE_FORMATS: Partial<Readonly<Record<CodeType, string>>> = labels.code;

function formatCodes(codes: readonly TopicCode[]): string[] {
  const shown = codes.flatMap((code) => {
    const format = CODE_FORMATS[code.type];
    return format === undefined ? [] : [format.replace('{value}', code.value)];
  });
  return [...new Set(shown)];
}

/** The resolution card for one topic, told to the user ("You") or to an admin ("The user"). */
export function buildResolutionCardData(topic: Topic, view: View, options: { readonly canNotifyAdmin: boolean }): ResolutionCardData {
  const otherView: View = view === 'user' ? 'admin' : 'user';
  return {
    topicId: topic.id,
    title: topic.title,
    view,
    viewLabel: labels.view[view],
    codes: formatCodes(topic.codes),
    cause: topic.cause[view],
    steps: [...topic.fix[view]],
    escalation: {
      who: labels.who[view][topic.escalation.actor],
      summary: topic.escalation.summary,
      collect: [...topic.escalation.collect],
    },
    sourceUrl: topic.source.url,
    otherView,
    otherViewLabel: labels.view[otherView],
    canNotifyAdmin: options.canNotifyAdmin,
  };
}
