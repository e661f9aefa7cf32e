/**
 * The default Solutions Engineering ladder that `tandem ladder init` writes: its words (what is new
 * at each level, the behaviours to observe, the path forward) around the numbers fixed in spec.ts,
 * and the bands that go with it.
 *
 * Sources (shared/research/se-domain-and-ladders.md §2 and §4.1): GitLab's Solutions Architect job
 * family (levels, grades, Staff and Principal defined by scope, Staff peer review and the Principal
 * panel), Sourcegraph's Customer Engineer framework (four sustained quarters before a promotion,
 * in-band raises at any time, the voice-of-customer row) and Zapier's AI fluency rubric (Capable,
 * Adoptive, Transformative — scored on outcomes, not on usage).
 */
import { Document, isMap, isSeq, visit } from 'yaml';
import { minorUnits } from '../currency.js';
import { LEVEL_OTE_FACTOR, SE2_OTE_MID_USD, VARIABLE_SHARE } from '../demo/parameters.js';
import { formatMoney, formatRatio, parseDecimal, Rational } from '../rational.js';
import {
  DEFAULT_COMPETENCIES,
  DEFAULT_EVIDENCE,
  DEFAULT_EXPECTATIONS,
  DEFAULT_GRADES,
  DEFAULT_LEVELS,
  DEFAULT_WINDOW_QUARTERS,
  type DefaultCompetency,
  type DefaultLevel,
  type EvaluationSpec,
  type LadderSpec,
  type LevelSpec,
} from './spec.js';

const COMPETENCIES: Readonly<Record<DefaultCompetency, { readonly name: string; readonly group: string; readonly description: string }>> = {
  technical_depth: {
    name: 'Technical depth',
    group: 'technical_win',
    description: "Command of the product, its architecture and the customer's stack; credible with the customer's engineers and architects.",
  },
  discovery: {
    name: 'Discovery and solution design',
    group: 'technical_win',
    description: 'Finds the real problem, qualifies technical fit and designs a solution the customer can adopt.',
  },
  demo_craft: {
    name: 'Demo and evaluation craft',
    group: 'technical_win',
    description: "Tells the customer's story in demos and runs evaluations (POC/POV) with agreed success criteria to a technical win.",
  },
  commercial: {
    name: 'Commercial acumen (the "big S")',
    group: 'business',
    description: 'Ties technical value to business outcomes and deal strategy; a peer to the AE in qualification and forecasting.',
  },
  customer_outcomes: {
    name: 'Customer outcomes',
    group: 'customer',
    description: 'Customers reach the outcome they bought: success plans, clean handover, adoption, references.',
  },
  mentoring: {
    name: 'Mentoring and team leverage',
    group: 'leverage',
    description: 'Makes other SEs better: onboarding, coaching, enablement, hiring.',
  },
  product_feedback: {
    name: 'Product feedback loops',
    group: 'leverage',
    description: 'Turns field evidence into product decisions: gaps filed with their impact, taken to the roadmap, closed back with customers.',
  },
  ai_leverage: {
    name: 'AI-extended impact',
    group: 'ai',
    description: "How AI extends the person's impact, scored on outcomes, not usage (Zapier's tiers: Capable, Adoptive, Transformative).",
  },
};

const TITLES: Readonly<Record<DefaultLevel, string>> = {
  SE1: 'Associate SE',
  SE2: 'SE',
  SE3: 'Senior SE',
  SE4: 'Staff SE',
  SE5: 'Principal SE',
  M1: 'SE Manager',
  M2: 'Director of Solutions Engineering',
  M3: 'Senior Director / Head of SE',
};

/** 1. What is new versus the level below (for M1: versus SE3, the level the management track forks from). */
const NEW_AT_THIS_LEVEL: Readonly<Record<DefaultLevel, readonly string[]>> = {
  SE1: [
    'Runs standard demos and first-call discovery with guidance from a senior SE',
    'Assists on POCs, RFPs and workshops that another SE leads',
    'Logs activity, technical wins and product gaps in the CRM so the team can see them',
  ],
  SE2: [
    'Owns technical evaluations end to end: the DRI for the POC/POV, its success criteria and the success plan',
    'Writes and runs a technical-win plan for each own deal without a senior SE in the room',
    'Files product gaps with the customer impact and deal value attached',
  ],
  SE3: [
    'Owns the technical strategy for a portfolio of accounts (the technical CTO for them)',
    'Leads competitive and multi-stakeholder deals and coaches AEs on technical qualification',
    'Mentors newer SEs through their first technical wins',
    'Publishes demo assets and reference architectures that other SEs reuse',
  ],
  SE4: [
    "Runs the technical sales strategy for a segment: win themes, competitive plays and the approach to the segment's largest deals",
    'Owns a product feedback loop: brings aggregated field evidence to product leadership and closes the loop with customers when gaps ship',
    'Mentors Senior SEs and runs the enablement for a domain',
    'Builds AI workflows and assets the team depends on, with accuracy guardrails',
  ],
  SE5: [
    "Sets the technical go-to-market direction for a product line or vertical across segments and regions",
    'Shapes the roadmap with product leadership from field evidence gathered across regions',
    'Recognised external authority: talks, publications, analyst and customer-advisory work',
    'Mentors Staff SEs and redesigns parts of how the SE function works with AI',
  ],
  M1: [
    'Hires, coaches and retains a team of SEs, with a development and path conversation for each',
    'Owns team KPIs: technical win rate, capacity and coverage, accuracy of technical-risk forecasts',
    'Partners with sales managers on territory plans and deal strategy',
  ],
  M2: [
    'Leads SE managers and owns the SE strategy and metrics for a region or segment (GitLab: a team of 30+)',
    'Designs the coverage model (aligned, pod, pooled) and the capacity plan with sales leadership',
    'Runs the feedback loop with product and marketing leaders for the region',
  ],
  M3: [
    'Leads the whole SE function through directors and managers (GitLab: 50+)',
    'Sets the SE operating model, comp and career framework, with AI built into how the work is done',
    'A peer to sales, product and marketing leaders in company go-to-market planning',
  ],
};

/** 2. Behaviours to observe, per competency and level (the expected milestone is in spec.ts). */
const BEHAVIOURS: Readonly<Record<DefaultCompetency, Readonly<Record<DefaultLevel, readonly string[]>>>> = {
  technical_depth: {
    SE1: ["Explains the product's core architecture and standard integrations accurately on customer calls", 'Knows when to bring in a senior SE or a product specialist'],
    SE2: ["Answers deep technical questions on the customer's stack without escalation on most deals", 'Builds a working POC environment for a standard use case'],
    SE3: ['Designs reference architectures for complex customer environments and defends them with customer architects'],
    SE4: ["Resolves the hardest technical objections in the segment; the team's authority in a domain", "Authors the segment's technical playbooks and proves them on live deals"],
    SE5: ['Recognised outside the company as an authority in a domain (talks, publications, standards or analyst work)', 'Sets architectural best practice that customers and product teams adopt'],
    M1: ["Reviews and coaches deal architectures on the team's hardest deals"],
    M2: ["Judges the technical risk of the region's largest deals and staffs specialists where depth is missing"],
    M3: ["Holds the function's technical bar: hiring standards, certification and specialist coverage across product lines"],
  },
  discovery: {
    SE1: ["Runs first-call discovery from the standard question set and writes up the customer's current state"],
    SE2: ['Leads discovery on own deals: technical requirements, risks and decision criteria, without support', 'Qualifies technical fit early and says no to a poor fit with evidence'],
    SE3: ['Leads discovery on multi-stakeholder deals, mapping the technical buyer, the economic buyer and the champion', 'Designs the solution the customer will adopt, not the largest one'],
    SE4: ["Designs the discovery and qualification frameworks the segment's SEs use", "Shapes the solution design of the segment's largest deals, including partner and SI roles"],
    SE5: ['Frames the customer problem with executives of the most strategic accounts', 'Turns patterns seen across segments into repeatable solution blueprints'],
    M1: ['Reviews discovery in deal reviews and coaches the gaps before evaluations start'],
    M2: ["Sets the region's qualification standards and the criteria for when SEs engage"],
    M3: ['Owns the engagement model: which deals get which depth of discovery and design, across the function'],
  },
  demo_craft: {
    SE1: ["Delivers the standard demo clearly, adapted to the customer's stated use case", 'Assists on POCs run by another SE'],
    SE2: ['Runs POCs/POVs with written success criteria agreed with the customer, to a technical win or a clear no', 'Tailors demos to the personas in the room'],
    SE3: ['Wins competitive evaluations, positioning against the alternatives the customer considers', 'Turns around evaluations that go off track'],
    SE4: ["Designs the segment's evaluation methods (POV templates, competitive demo plays) that raise its technical win rate", 'Orchestrates evaluations of the largest deals with partners'],
    SE5: ['Creates the demo and evaluation strategy for a product line across the company', 'Defines what a technical win means for new products and markets'],
    M1: ["Runs deal reviews that catch evaluations without success criteria; the team's POCs convert"],
    M2: ["Owns the region's evaluation, workshop and demo KPIs and raises its technical win rate"],
    M3: ["Sets the function's evaluation standards and invests in demo infrastructure at scale"],
  },
  commercial: {
    SE1: ["Connects the customer's technical requirements to the business case the AE is building"],
    SE2: ['Partners with the AE on deal strategy and qualification', "Articulates value in the customer's business terms"],
    SE3: ['Builds the technical value case (ROI, risk) with the economic buyer on complex deals', 'Coaches AEs on technical qualification'],
    SE4: ["Co-owns the strategy of the segment's largest deals with sales leadership, including packaging trade-offs", 'Forecasts technical risk across the segment accurately'],
    SE5: ['Influences go-to-market strategy: which markets, packages and partners the company pursues'],
    M1: ["Partners with sales managers on territory plans and the forecast; the team's technical-risk calls hold up"],
    M2: ['Owns SE capacity and coverage economics for the region with sales leadership'],
    M3: ['Shapes company go-to-market planning as a peer to sales, marketing and product leaders'],
  },
  customer_outcomes: {
    SE1: ['Hands over customer context cleanly so commitments made in the sale are known after it'],
    SE2: ['Owns the success plan of the evaluations they run', 'Advocates for the customer inside the company'],
    SE3: ['Designs adoption plans across customer teams that make customers referenceable', 'Follows their accounts into adoption and escalates risks early'],
    SE4: ["Turns the segment's customer wins into references and case studies other SEs use"],
    SE5: ['Sponsors the outcomes of the most strategic customers with their executives', 'Leads customer advisory work that feeds the roadmap'],
    M1: ["Tracks the team's post-sale outcomes (adoption, references) alongside its wins"],
    M2: ['Builds the handover from presales to post-sales with customer success leadership'],
    M3: ['Makes customer outcomes part of how the SE function is measured and paid'],
  },
  mentoring: {
    SE1: ['Asks for call-review feedback and acts on it'],
    SE2: ['Helps onboard new SEs: shadowing, first demos, demo environments'],
    SE3: ['Mentors newer SEs through their first technical wins; mentees reach their first win faster than the cohort median'],
    SE4: ['Mentors Senior SEs and runs the enablement for their domain', 'Interviews for the team and raises the hiring bar'],
    SE5: ['Mentors Staff SEs across regions and develops the next Principal candidates'],
    M1: ['Hires, coaches and retains; holds a documented development and path conversation with every SE'],
    M2: ['Develops managers; builds the hiring and onboarding system for the region'],
    M3: ["Builds the leadership bench and the function's career framework"],
  },
  product_feedback: {
    SE1: ['Logs the product gaps heard on calls in the shared tracker'],
    SE2: ['Files product gaps with the customer impact and the deal value attached'],
    SE3: ['Speaks to the impact of gaps in product reviews', 'Closes the loop with customers when their gaps ship'],
    SE4: ['Owns a product feedback loop: aggregates field evidence across the segment, brings it to product leadership and tracks it to roadmap decisions'],
    SE5: ['Shapes the roadmap with product leadership from field evidence gathered across regions'],
    M1: ["Makes sure the team's gaps are filed with evidence and reviewed with product every quarter"],
    M2: ['Runs the regional feedback loop with product and marketing leaders'],
    M3: ["Owns the function's voice of the customer in company planning"],
  },
  ai_leverage: {
    SE1: ['Capable: uses AI for call prep, summaries and first-draft RFP answers, checks the output, and can show what it saved or improved'],
    SE2: ['Capable: better-prepared calls and faster RFP turnaround from AI research and synthesis, with no accuracy incidents in customer-facing material'],
    SE3: ['Adoptive: runs repeatable AI workflows (call to technical-win plan, RFP answer bank) that measurably raise own capacity or quality'],
    SE4: ['Adoptive to Transformative: builds AI workflows others depend on, with accuracy guardrails (source-traced answers, human review)', 'Team capacity rises at a steady technical win rate where the workflows are used'],
    SE5: ['Transformative: redesigns part of the presales operating model with AI (e.g. self-serve technical validation), with measured outcomes'],
    M1: ['Adoptive to Transformative: the team runs shared AI workflows with guardrails; capacity per SE rises at a steady technical win rate'],
    M2: ["Transformative: redesigns the region's coverage and capacity model around AI, with measured outcomes"],
    M3: ['Transformative: sets how the SE function works with AI: the operating model, governance of AI-generated claims, the outcomes measured'],
  },
};

/** Who reviews a promotion into the level: GitLab adds Staff peer review and a Principal panel. */
const REVIEWERS: Readonly<Record<DefaultLevel, readonly string[]>> = {
  SE1: ['manager'],
  SE2: ['manager', 'peer'],
  SE3: ['manager', 'peer'],
  SE4: ['manager', 'peer', 'staff_peer_review'],
  SE5: ['manager', 'staff_peer_review', 'principal_panel'],
  M1: ['manager', 'peer', 'skip_level'],
  M2: ['manager', 'skip_level', 'peer'],
  M3: ['executive', 'leadership_panel'],
};

/** Quarters of sustained performance at the new level's bar before a promotion (Sourcegraph: 4). */
const SUSTAINED_QUARTERS = 4;

/** 3. The path forward from the top of the band. */
const PATH_FORWARD: Readonly<Record<DefaultLevel, LevelSpec['path_forward']>> = {
  SE1: {
    next: ['SE2'],
    top_of_band: 'Runs evaluations end to end with light review: ready to own them as an SE',
    in_band_growth: 'Raises within the band for growing independence on standard deals and the quality of demos and discovery',
  },
  SE2: {
    next: ['SE3'],
    top_of_band: 'Leads competitive and multi-stakeholder deals; newer SEs come to them for help',
    in_band_growth: 'Raises within the band for technical win rate and POC conversion; a specialty overlay (security, partners) is a sideways option',
  },
  SE3: {
    next: ['SE4', 'M1'],
    top_of_band: 'Sets the technical approach for a segment and others reuse their assets; which fork to take, Staff SE or SE Manager, is an explicit conversation',
    in_band_growth: 'Raises within the band while building Staff-level scope (segment strategy, a product feedback loop) or management experience (leading a pod)',
  },
  SE4: {
    next: ['SE5'],
    top_of_band: 'Impact reaches across segments and regions, with external authority in a domain',
    in_band_growth: 'Raises within the band for deeper segment impact; a Field CTO or specialty overlay extends the level rather than replacing it',
  },
  SE5: {
    next: [],
    top_of_band:
      "The top of the IC track: growth is wider scope (a second product line, a new market, Field CTO work) and external authority, GitLab's alternative path of exceptional impact plus industry authority",
    in_band_growth: 'Raises within the band at any point for scope and impact; growing does not need a next level',
  },
  M1: {
    next: ['M2'],
    top_of_band: "Runs a team whose SEs progress and whose win rate and capacity lead the org: ready to lead managers",
    in_band_growth: 'Raises within the band for team outcomes, retention and calibration quality',
  },
  M2: {
    next: ['M3'],
    top_of_band: 'Leads a region through managers with strong metrics and working feedback loops: ready to lead the function',
    in_band_growth: "Raises within the band for the region's win rate, capacity planning and the managers they develop",
  },
  M3: {
    next: [],
    top_of_band: 'The top of this ladder: growth is the scope of the function (new regions, post-sales or partner engineering) or a VP role beyond it',
    in_band_growth: "Raises within the band for the function's outcomes and the leaders it develops",
  },
};

const MANAGEMENT_LEVELS: ReadonlySet<DefaultLevel> = new Set(['M1', 'M2', 'M3']);

function evaluation(level: DefaultLevel, column: number): EvaluationSpec[] {
  const kind = MANAGEMENT_LEVELS.has(level) ? 'management' : 'ic';
  return DEFAULT_COMPETENCIES.map((c) => ({
    competency: c,
    expectation: at(DEFAULT_EXPECTATIONS[c], column),
    behaviours: BEHAVIOURS[c][level],
    evidence: [{ type: DEFAULT_EVIDENCE[c][kind], at_least: at(DEFAULT_EVIDENCE[c].at_least, column), window_quarters: DEFAULT_WINDOW_QUARTERS }],
  }));
}

function at(values: readonly number[], column: number): number {
  const v = values[column];
  if (v === undefined) throw new RangeError(`spec.ts has no value in column ${column}`);
  return v;
}

/** The default SE ladder (ladder.yaml as plain data). Numbers: spec.ts; words: this file. */
export const DEFAULT_LADDER: LadderSpec = {
  id: 'se-ladder',
  name: 'Solutions Engineering career framework',
  version: '2026.1',
  description:
    'Associate SE to Principal SE, with management forking at Senior SE. Every level says what is new, how it is evaluated and the path forward from the top of its band.',
  competencies: DEFAULT_COMPETENCIES.map((id) => ({ id, ...COMPETENCIES[id] })),
  tracks: [
    { id: 'ic', name: 'Individual contributor', kind: 'ic', levels: ['SE1', 'SE2', 'SE3', 'SE4', 'SE5'] },
    { id: 'management', name: 'Management', kind: 'management', fork_from: 'SE3', levels: ['M1', 'M2', 'M3'] },
  ],
  levels: DEFAULT_LEVELS.map(
    (id, column): LevelSpec => ({
      id,
      track: MANAGEMENT_LEVELS.has(id) ? 'management' : 'ic',
      title: TITLES[id],
      grade: DEFAULT_GRADES[id],
      new_at_this_level: NEW_AT_THIS_LEVEL[id],
      evaluation: evaluation(id, column),
      promotion: { sustained_quarters: SUSTAINED_QUARTERS, reviewers: REVIEWERS[id] },
      path_forward: PATH_FORWARD[id],
    }),
  ),
};

const HEADER = [
  ' The default Solutions Engineering ladder, written by `tandem ladder init`: edit it to fit your org,',
  ' then check it with `tandem ladder lint`. Format and lint rules: docs/ladder.md.',
  '',
  ' Every level answers three questions: what is new versus the level below (new_at_this_level), how it',
  ' is evaluated (evaluation: per competency a minimum milestone 0-5, behaviours to observe and the',
  ' evidence to look for) and the path forward from the top of the band (path_forward).',
  '',
  ' Sources: the GitLab Solutions Architect job family (levels, grades, Staff and Principal scope, Staff',
  ' peer review and the Principal panel); the Sourcegraph Customer Engineer career framework (4 quarters',
  ' of sustained performance before a promotion, in-band raises at any time); the Zapier AI fluency',
  ' rubric (Capable, Adoptive, Transformative), scored on outcomes rather than usage.',
].join('\n');

/** Keys whose values read best on one line (`{ type: …, at_least: 2, window_quarters: 4 }`). */
const FLOW_KEYS = new Set(['evidence', 'promotion', 'next', 'reviewers']);

/** ladder.yaml text of DEFAULT_LADDER, with a header that cites the sources. Numbers are plain YAML numbers. */
export function defaultLadderYaml(): string {
  const doc = new Document(DEFAULT_LADDER);
  doc.commentBefore = HEADER;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      const name = key !== null && typeof key === 'object' && 'value' in key ? String(key.value) : String(key);
      if (FLOW_KEYS.has(name) && (isSeq(pair.value) || isMap(pair.value))) pair.value.flow = true;
    },
    Seq(_, seq, path) {
      // Tracks read as one line each: `- { id: ic, name: …, levels: [SE1, …] }`.
      const parent = path[path.length - 1];
      if (parent !== undefined && 'key' in parent && isTracks(parent.key)) for (const item of seq.items) if (isMap(item)) item.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

function isTracks(key: unknown): boolean {
  return key !== null && typeof key === 'object' && 'value' in key && key.value === 'tracks';
}

/**
 * OTE factor relative to SE2 and variable share of OTE for the level the demo parameters do not
 * cover. M3 (Senior Director / Head of SE, GitLab grade 11) is an assumption — the research gives no
 * figure above the Director: 2.3 repeats roughly the M1 → M2 step (1.45 → 1.9), at the Director's
 * 30% variable share.
 */
const M3_OTE_FACTOR = 2.3;
const M3_VARIABLE_SHARE = 0.3;

/** GitLab's band spread: ±20% around the mid. */
const BAND_MIN = Rational.of(8n, 10n);
const BAND_MAX = Rational.of(12n, 10n);

/** The date the default bands take effect. */
export const DEFAULT_BANDS_EFFECTIVE_FROM = '2026-01-01';

/** A parameter written as a JS number (0.225) as the exact decimal it stands for (225/1000). */
function exact(value: number): Rational {
  const r = parseDecimal(String(value));
  if (r === undefined) throw new RangeError(`${value} is not a plain decimal`);
  return r;
}

/**
 * bands.csv for the default ladder, in USD and for every location: OTE mid = SE2's OTE mid ×
 * the level's OTE factor, base_mid = OTE × (1 − variable share), base_min/base_max = base_mid ×
 * 0.8/1.2. Computed exactly and written with 2 decimals.
 */
export function defaultBandsCsv(): string {
  const currency = 'USD';
  const scale = minorUnits(currency);
  const rows = ['level,location,currency,base_min,base_mid,base_max,target_incentive_pct,effective_from'];
  for (const level of DEFAULT_LEVELS) {
    const factor = level === 'M3' ? M3_OTE_FACTOR : LEVEL_OTE_FACTOR[level];
    const share = exact(level === 'M3' ? M3_VARIABLE_SHARE : VARIABLE_SHARE[level]);
    const ote = Rational.fromInt(SE2_OTE_MID_USD).mul(exact(factor));
    const mid = ote.mul(Rational.fromInt(1).sub(share));
    const money = (r: Rational) => formatMoney(r, scale, 'half_even');
    rows.push([level, '', currency, money(mid.mul(BAND_MIN)), money(mid), money(mid.mul(BAND_MAX)), formatRatio(share), DEFAULT_BANDS_EFFECTIVE_FROM].join(','));
  }
  return `${rows.join('\n')}\n`;
}
