#!/usr/bin/env node
// The shared scoring workload (PEER/WORKLOAD.md) as an assay plan, made once
// before it is timed: the plan as an office would write it, one assay
// indicator per workload indicator, each unit's targets in a targets table
// and each unit's weights (分值) in a weights table.
//
// usage: node bench/workload.js FACTS_CSV MONTH DIR
// Writes DIR/plan.yaml, DIR/rules.lua, DIR/targets.csv, DIR/weights.csv and
// DIR/figures.csv (long: unit,indicator,period,value, year to date).
//
// The model: one peer group, units listed in ascending unit_id (assay ranks
// equal rounded totals in plan order, which is the workload's tie-break);
// every unit is scored on every indicator (`units: all`); completion, score
// and light are std.completion, std.ratio and std.time_progress; the
// verdicts are the workload's.
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
if (args.length !== 3) {
  process.stderr.write('usage: node bench/workload.js FACTS_CSV MONTH DIR\n');
  process.exit(2);
}
const [factsPath, monthText, dir] = args;
const month = Number(monthText);
if (!(month >= 1 && month <= 12)) {
  process.stderr.write(`workload.js: month '${monthText}' is not 1 to 12\n`);
  process.exit(2);
}
const YEAR = 2025;
const period = `${YEAR}-${String(month).padStart(2, '0')}`;

// facts.csv: ASCII integers and H/L, sorted by unit then indicator, every
// pair once (WORKLOAD.md); read as text lines, the six fields split on ','.
const lines = fs.readFileSync(factsPath, 'latin1').split('\n');
const rows = [];
const lowerIsBetter = [];
for (let k = 1; k < lines.length; k++) {
  if (!lines[k]) continue;
  const [unit, indicator, direction, weight, target, actual] = lines[k].split(',');
  rows.push({ unit, indicator: Number(indicator), weight, target, actual });
  lowerIsBetter[Number(indicator)] = direction === 'L';
}
const indicators = [];
for (let i = 1; i < lowerIsBetter.length; i++) indicators.push(i);
const id = (i) => `i${i}`;

// A unit's rows are consecutive and in indicator order: a table row each.
const targets = [`unit,${indicators.map(id).join(',')}\n`];
const weights = [targets[0]];
const figures = ['unit,indicator,period,value\n'];
const units = [];
for (let s = 0; s < rows.length;) {
  const unit = rows[s].unit;
  let e = s;
  while (e < rows.length && rows[e].unit === unit) e++;
  const mine = rows.slice(s, e);
  units.push(unit);
  targets.push(`${unit},${mine.map((r) => r.target).join(',')}\n`);
  weights.push(`${unit},${mine.map((r) => r.weight).join(',')}\n`);
  for (const r of mine) figures.push(`${unit},${id(r.indicator)},${period},${r.actual}\n`);
  s = e;
}

const plan = [
  `# made by bench/workload.js from ${path.basename(factsPath)}: ${units.length} units, ` +
    `${indicators.length} indicators\n`,
  'id: workload\ntitle: assessment-scoring workload\n',
  `year: ${YEAR}\nrules: rules.lua\nfull_marks: 100\n`,
  'targets_table: targets.csv\nweights_table: weights.csv\nunits_table: units.csv\n',
  'groups:\n  - {id: all, name: all}\n',
  'indicators:\n',
  ...indicators.map((i) => `  - {id: ${id(i)}, name: ${id(i)}, ` +
    `direction: ${lowerIsBetter[i] ? 'lower' : 'higher'}, target: 1, units: all}\n`),
];

// Every unit's weights come from the table; the rules' weights are only
// what a unit without a cell would get.
const rules = `-- made by bench/workload.js: the workload's scoring (WORKLOAD.md)
local std = require "std"

weights { ${indicators.map((i) => `${id(i)} = 2`).join(', ')} }

-- completion = actual / target (target / actual when lower is better);
-- score = weight * clamp((completion - 0.6) / 0.4, 0, 1.2)
score.default = std.ratio { floor = 0.6, full = 1.0, cap = 1.2 }
-- green from time progress M/12, yellow within 0.1 below it, else red
light.default = std.time_progress { yellow = 0, red = 0.10 }
total = std.sum

-- the workload compares the exact sum of the scores (card.score), where an
-- office's rules compare the total as printed (card.total: 89.996 is 90.00)
commend = function(card)
  return card.score >= 90 and card.red == 0
end

red_light = function(card)
  return card.red >= 3 or card.score < 60
end
`;

fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'plan.yaml'), plan.join(''));
fs.writeFileSync(path.join(dir, 'rules.lua'), rules);
fs.writeFileSync(path.join(dir, 'targets.csv'), targets.join(''));
fs.writeFileSync(path.join(dir, 'weights.csv'), weights.join(''));
fs.writeFileSync(path.join(dir, 'units.csv'),
  ['id,name,group\n', ...units.map((u) => `${u},${u},all\n`)].join(''));
fs.writeFileSync(path.join(dir, 'figures.csv'), figures.join(''));
