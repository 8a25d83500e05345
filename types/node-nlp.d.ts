// node-nlp ships no declarations; bench/accuracy.ts uses only this much of it.
declare module 'node-nlp' {
  export interface NlpResult {
    intent: string;
    score: number;
    classifications?: Array<{ intent: string; score: number }>;
  }
  export class NlpManager {
    constructor(options: object);
    addDocument(locale: string, text: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, text: string): Promise<NlpResult>;
  }
}
