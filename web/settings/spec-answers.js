// What the engine answered about each model spec the page asked it about (spec-parsed, see
// ParseSpecMessage in web/engine/protocol.js), so code that must answer at once (a run's label,
// the architecture line) can use the engine's reading without parsing the text itself. The
// controller asks for every spec the state takes (web/app/spec-requests.js). No DOM here.

const MAX_KEPT = 200;  // a session edits far fewer specs; the oldest go first
const answers = new Map();  // text -> {error, text, input, rows, description, spatial}

/** Keeps the engine's `answer` about `asked` (and about its canonical text when valid). */
export function rememberSpec(asked, answer) {
  for (const key of new Set([asked, ...(answer.error ? [] : [answer.text])])) {
    answers.delete(key);
    answers.set(key, answer);
  }
  while (answers.size > MAX_KEPT) answers.delete(answers.keys().next().value);
}

/** The engine's answer about `text`, or undefined when it was not asked yet. */
export const knownSpec = (text) => answers.get(String(text ?? '').trim()) ?? answers.get(text);

/**
 * The architecture in a line as the engine wrote it ("784-256-10"); null when the engine
 * found the spec invalid; the text itself while its answer is still on its way.
 */
export function specDescription(text) {
  const answer = knownSpec(text);
  if (!answer) return text;
  return answer.error ? null : answer.description;
}
