import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogError, DEFAULT_CATALOG_DIR } from './loadCatalog.js';

export type FacetName = 'stage' | 'hasErrorCode' | 'method' | 'accountType';
export type FacetValue = string | boolean;

export interface Choice {
  readonly title: string;
  /** Facet values this answer stands for; empty means "not sure". */
  readonly values: readonly FacetValue[];
  readonly synonyms: readonly string[];
}

export interface Question {
  readonly id: string;
  readonly facet: FacetName;
  readonly text: string;
  readonly choices: readonly Choice[];
}

export interface EscalationField {
  readonly id: string;
  readonly title: string;
  readonly prompt: string;
  readonly choices?: readonly string[];
  readonly skipIfKnown?: 'when' | 'userId';
  readonly validate?: 'guid-or-sid-cid';
  /** Asked only for topics of these catalog categories (the Azure AD Connect event log for writeback problems). */
  readonly onlyForCategories?: readonly string[];
}

const FACETS: readonly FacetName[] = ['stage', 'hasErrorCode', 'method', 'accountType'];

function read(dir: string, name: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new CatalogError(`cannot read ${name}`, { cause });
  }
}

const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** catalog/questions.json: the follow-up questions, checked for shape. */
export function loadQuestions(dir: string = DEFAULT_CATALOG_DIR): Question[] {
  const questions = read(dir, 'questions.json').questions;
  if (!Array.isArray(questions)) throw new CatalogError('questions.json: questions must be a list');
  return questions.map((q: Question, i) => {
    const ok =
      typeof q.id === 'string' &&
      FACETS.includes(q.facet) &&
      typeof q.text === 'string' &&
      Array.isArray(q.choices) &&
      q.choices.every((c) => typeof c.title === 'string' && Array.isArray(c.values) && isStringList(c.synonyms));
    if (!ok) throw new CatalogError(`questions.json: question ${i} is malformed`);
    return q;
  });
}

/** The escalation fields to ask about a topic of this category (all of them when the category is unknown). */
export function escalationFieldsFor(fields: readonly EscalationField[], category: string | undefined): EscalationField[] {
  return fields.filter((f) => f.onlyForCategories === undefined || (category !== undefined && f.onlyForCategories.includes(category)));
}

/** catalog/escalation.json: what the escalation dialog collects. */
export function loadEscalationFields(dir: string = DEFAULT_CATALOG_DIR): EscalationField[] {
  const fields = read(dir, 'escalation.json').fields;
  if (!Array.isArray(fields)) throw new CatalogError('escalation.json: fields must be a list');
  return fields.map((f: EscalationField, i) => {
    const ok =
      typeof f.id === 'string' &&
      typeof f.title === 'string' &&
      typeof f.prompt === 'string' &&
      (f.choices === undefined || isStringList(f.choices)) &&
      (f.onlyForCategories === undefined || isStringList(f.onlyForCategories));
    if (!ok) throw new CatalogError(`escalation.json: field ${i} is malformed`);
    return f;
  });
}
