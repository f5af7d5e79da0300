// The names the engine knows (layer kinds with their parameters, activations, losses, optimizers,
// initializers, schedules), for tests that run without the WebAssembly engine: read from the
// native CLI (`mnist-train --grammar`, from the same tables as the bindings), so no test keeps
// its own list. Build it first: bash scripts/build-native.sh.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = path.join(repo, 'build', 'native', 'mnist-train');

/** {layer: [{name, params: [name...]}], activation: [name...], loss: [...], ...} */
export function engineNames() {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run bash scripts/build-native.sh`);
  const names = {};
  for (const line of execFileSync(cli, ['--grammar'], { encoding: 'utf8' }).trim().split('\n')) {
    const [list, name, , ...params] = line.split(' ');
    (names[list] ??= []).push(list === 'layer' ? { name, params } : name);
  }
  return names;
}

/**
 * A grammar in the shape `ready` carries it (bindings/spec_bindings.cpp), names only: labels are
 * the names, parameters have no ranges. Enough for the menus' values and the catalogues' keys.
 */
export function grammarOfNames() {
  const names = engineNames();
  const choices = (list) => names[list].map((name) => ({ name, label: name }));
  return {
    kinds: names.layer.map(({ name, params }) => ({ name, label: name, what: '', params: params.map((p) => ({ name: p })) })),
    activations: choices('activation').map((a) => ({ ...a, params: [] })),
    losses: choices('loss'),
    optimizers: choices('optimizer'),
    initializers: choices('initializer'),
    schedules: choices('schedule'),
  };
}
