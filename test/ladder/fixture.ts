/**
 * A small hand-made org with a three-level ladder, for the evidence, readiness and people-report
 * tests. Every expected number in those tests is worked out by hand from these rows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Org } from '../../src/core/model.js';
import type { Career } from '../../src/core/ladder/model.js';
import { formatProblem } from '../../src/core/problems.js';
import { EVIDENCE_DEAL_COLUMNS } from '../../src/io/load-org.js';
import { parseCareer } from '../../src/io/parse-career.js';
import { parseOrg } from '../../src/io/parse-org.js';

const csv = (header: string, ...rows: string[]) => `${[header, ...rows].join('\n')}\n`;

export const LADDER_YAML = `id: mini
name: Mini ladder
competencies:
  - { id: discovery, name: Discovery, group: technical_win }
  - { id: ai, name: AI-extended impact, group: ai }
tracks:
  - { id: ic, name: IC, levels: [SE1, SE2, SE3] }
  - { id: management, name: Management, fork_from: SE2, levels: [M1] }
levels:
  - id: SE1
    track: ic
    title: Associate SE
    grade: 5
    new_at_this_level: [Runs standard demos]
    evaluation:
      - { competency: discovery, expectation: 1, behaviours: [Runs discovery with a script], evidence: [{ type: deals_supported, at_least: 1, window_quarters: 4 }] }
      - { competency: ai, expectation: 0, behaviours: [Uses AI for call notes], evidence: [{ type: ai_workflow, at_least: 0, window_quarters: 4 }] }
    path_forward: { next: [SE2], top_of_band: Owns evaluations, in_band_growth: Raises in band }
  - id: SE2
    track: ic
    title: Sales Engineer
    grade: 6
    new_at_this_level: [Owns technical evaluations]
    evaluation:
      - { competency: discovery, expectation: 2, behaviours: [Leads discovery], evidence: [{ type: technical_wins, at_least: 2, window_quarters: 4 }] }
      - { competency: ai, expectation: 1, behaviours: [Keeps an AI workflow], evidence: [{ type: product_gap, at_least: 1, window_quarters: 4 }] }
    path_forward: { next: [SE3, M1], top_of_band: Leads complex deals, in_band_growth: Raises in band }
  - id: SE3
    track: ic
    title: Senior SE
    grade: 7
    new_at_this_level: [Owns a portfolio's technical strategy]
    evaluation:
      - { competency: discovery, expectation: 3, behaviours: [Leads multi-stakeholder discovery], evidence: [{ type: technical_wins, at_least: 4, window_quarters: 4 }] }
      - competency: ai
        expectation: 2
        behaviours: [Builds repeatable AI workflows]
        evidence: [{ type: product_gap, at_least: 2, window_quarters: 4 }, { type: win_rate, at_least: 0.5, window_quarters: 4 }]
    path_forward: { next: [], top_of_band: Sets a segment's approach, in_band_growth: Raises in band }
  - id: M1
    track: management
    title: SE Manager
    grade: 7
    new_at_this_level: [Hires and coaches SEs]
    evaluation:
      - { competency: discovery, expectation: 2, behaviours: [Reviews deals], evidence: [{ type: deal_review, at_least: 4, window_quarters: 4 }] }
      - { competency: ai, expectation: 1, behaviours: [Spreads AI workflows], evidence: [{ type: ai_workflow, at_least: 1, window_quarters: 4 }] }
    path_forward: { next: [], top_of_band: Runs a region, in_band_growth: Raises in band }
`;

export const FILES: Record<string, string> = {
  'org.yaml': 'name: Mini\ncurrency: USD\n',
  'people.csv': csv(
    'id,name,role,level,track,manager_id,hire_date,level_since,location,currency,base_salary,attr_gender',
    'm1,Mia Manager,SE_MANAGER,M1,management,,2018-01-01,2022-01-01,us,USD,150000,F',
    's1,Sam One,SE,SE2,ic,m1,2020-01-01,2021-06-01,us,USD,100000,M',
    's2,Sue Two,SE,SE2,ic,m1,2019-01-01,2022-01-01,us,USD,120000,F',
    's3,Sid Three,SE,SE3,ic,m1,2024-03-01,2026-03-01,us,USD,130000,M',
    's4,Sal Four,SE,SE1,ic,m1,2026-05-01,2026-05-01,us,USD,70000,X',
    'a1,Ann AE,AE,AE1,ic,,2019-01-01,,us,USD,90000,F',
  ),
  'deals.csv': csv(
    'id,owner_id,amount,stage,close_date,segment,technical_win,technical_win_date,poc',
    'd1,a1,100,closed_won,2025-08-15,ENT,true,2025-07-20,true',
    'd2,a1,100,closed_lost,2025-09-10,ENT,false,,true',
    'd3,a1,100,closed_won,2026-01-10,MM,true,,false',
    'd4,a1,100,closed_won,2025-06-30,ENT,true,2025-06-01,false',
    'd5,a1,100,negotiation,2026-03-01,ENT,false,,false',
    'd6,a1,100,closed_lost,2026-02-01,MM,false,,false',
    'd7,a1,100,closed_won,2026-07-01,ENT,true,2026-06-30,false',
    'd8,a1,100,closed_lost,2026-03-01,ENT,false,,false',
  ),
  'deal_team.csv': csv('deal_id,person_id,role', 'd1,s1,primary_se', 'd2,s1,primary_se', 'd3,s1,primary_se', 'd4,s1,primary_se', 'd5,s1,primary_se', 'd7,s1,primary_se', 'd6,s2,primary_se'),
  'ladder.yaml': LADDER_YAML,
  'bands.csv': csv('level,location,currency,base_min,base_mid,base_max', 'SE2,us,USD,90000,100000,110000', 'SE3,,USD,110000,130000,150000'),
  'activities.csv': csv(
    'id,person_id,date,type,deal_id,hours,note',
    'a-1,s1,2025-07-01,product_gap,d1,2,first day of the window',
    'a-2,s1,2025-06-30,product_gap,,1,the day before the window',
    'a-3,s1,2026-06-30,product_gap,,1,last day of the window',
    'a-4,s1,2026-01-01,mentoring,,3,',
  ),
  'assessments.csv': csv(
    'person_id,date,assessor_id,assessor_role,competency,rating,evidence',
    's1,2025-12-15,m1,calibrated,discovery,3,',
    's1,2025-12-15,m1,manager,discovery,2,',
    's1,2025-12-15,s1,self,discovery,4,',
    's1,2026-06-15,m1,manager,discovery,3,',
    's1,2026-06-15,m1,manager,ai,1,',
    's2,2026-06-15,m1,calibrated,discovery,3,',
    's2,2026-06-15,m1,calibrated,ai,2,',
    's3,2025-12-15,m1,calibrated,discovery,2,',
    's3,2025-12-15,m1,calibrated,ai,1,',
  ),
  'level_history.csv': csv(
    'person_id,date,from_level,to_level,kind,packet',
    's1,2020-01-01,,SE1,hire,',
    's1,2021-06-01,SE1,SE2,promotion,packets/s1.md',
    's3,2024-03-01,,SE2,hire,',
    's3,2026-03-01,SE2,SE3,promotion,',
  ),
  'conversations.csv': csv(
    'person_id,date,with_id,path,next_level,notes',
    's1,2026-01-10,m1,ic,SE3,Talked about SE3 scope',
    's2,2025-05-01,m1,undecided,,Not sure yet',
    'm1,2026-02-01,,management,,Director path',
  ),
};

/** Parses FILES (with `changes` applied; undefined deletes a file) into org and career, failing on any problem. */
export function loadFixture(changes: Record<string, string | undefined> = {}): { org: Org; career: Career } {
  const files = new Map(Object.entries({ ...FILES, ...changes }).filter((e): e is [string, string] => e[1] !== undefined));
  const parsed = parseOrg(files, { dealColumns: EVIDENCE_DEAL_COLUMNS });
  if (!parsed.org) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  const org = parsed.org;
  const ids = new Set(org.deals.map((d) => d.id));
  const career = parseCareer(files, { currency: 'USD', people: org.people, hasDeal: (id) => ids.has(id) });
  if (!career.career) throw new Error(career.problems.map(formatProblem).join('\n'));
  return { org, career: career.career };
}

/** Writes FILES (with changes) to a new temporary folder; returns its path. */
export function writeFixture(changes: Record<string, string | undefined> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-ladder-'));
  for (const [name, text] of Object.entries({ ...FILES, ...changes })) if (text !== undefined) writeFileSync(join(dir, name), text);
  return dir;
}
