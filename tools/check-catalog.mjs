// Quick check for catalog authors: validates catalog/topics/*.json against catalog/schema.json.
// Usage: node tools/check-catalog.mjs [id ...]
import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';

const schema = JSON.parse(readFileSync('catalog/schema.json', 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const only = new Set(process.argv.slice(2));
const files = readdirSync('catalog/topics').filter((f) => f.endsWith('.json'));
const ids = new Set(files.map((f) => f.replace(/\.json$/, '')));
let bad = 0;
for (const file of files) {
  const id = file.replace(/\.json$/, '');
  if (only.size && !only.has(id)) continue;
  let topic;
  try {
    topic = JSON.parse(readFileSync(`catalog/topics/${file}`, 'utf8'));
  } catch (error) {
    console.log(`${file}: invalid JSON: ${error.message}`);
    bad++;
    continue;
  }
  const problems = [];
  if (!validate(topic)) problems.push(...validate.errors.map((e) => `${e.instancePath} ${e.message}`));
  if (topic.id !== id) problems.push(`id ${topic.id} differs from file name`);
  for (const r of topic.related ?? []) if (!ids.has(r)) problems.push(`related id ${r} has no file (yet?)`);
  if (problems.length) {
    bad++;
    console.log(`${file}:\n  ${problems.join('\n  ')}`);
  }
}
console.log(bad ? `${bad} file(s) with problems` : `all ${only.size || files.length} ok`);
