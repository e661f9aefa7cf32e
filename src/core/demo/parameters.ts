/**
 * The demo org's parameters, with their sources. Numbers come from the project's research
 * (shared/research/se-domain-and-ladders.md, §0, §1.4–1.6 and §5); anything the research marks as an
 * assumption, or that it does not give at all, says so here and in docs/demo-org.md.
 */

export const SEGMENTS = ['ENT', 'MM', 'SMB'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SE_LEVELS = ['SE1', 'SE2', 'SE3', 'SE4', 'SE5'] as const;
export type SeLevel = (typeof SE_LEVELS)[number];

export type Location = 'us-tier1' | 'us-tier2' | 'uk' | 'eu-west';
export type Currency = 'USD' | 'EUR' | 'GBP';
export type Region = 'na-east' | 'na-west' | 'emea';

/** Demo org name and e-mail domain (the reserved `.example` TLD). */
export const ORG_NAME = 'Northwind Cloud';
export const EMAIL_DOMAIN = 'northwind.example';

/** Standard org size: RepVue's model org (48 AEs, 6 managers, 2 directors). */
export const STANDARD_AE_COUNT = 48;

/** AE share by segment. Research §5.1: assumption. */
export const SEGMENT_MIX: Record<Segment, number> = { ENT: 0.35, MM: 0.45, SMB: 0.2 };

/** AEs per front-line sales manager (= per territory): RepVue, 48 AEs / 6 managers. */
export const AES_PER_TERRITORY = 8;
/** Sales managers per sales director: RepVue, 6 managers / 2 directors. */
export const AE_MANAGERS_PER_DIRECTOR = 3;

/** AEs per SE. morebell (3:1 rule), Alexander Group case (1:1), MTS pooled 3:1; research §5.1. */
export const AE_PER_SE: Record<Segment, number> = { ENT: 2, MM: 3, SMB: 5 };
/** SE coverage model: samuelpena.com (stage-based), MTS rules. */
export const COVERAGE: Record<Segment, 'aligned' | 'pod' | 'pooled'> = { ENT: 'aligned', MM: 'pod', SMB: 'pooled' };

/** IC SE level mix (the last 5% are specialty overlays). Research §5.1: assumption. */
export const SE_LEVEL_MIX: Record<SeLevel, number> = { SE1: 0.1, SE2: 0.3, SE3: 0.35, SE4: 0.15, SE5: 0.05 };
export const SPECIALIST_SHARE = 0.05;
/** SE manager span: salesengineering.com (6-SE district); research default 7 (range 5–10). */
export const SE_MANAGER_SPAN = 7;
/** SEs per SE director: GitLab (Director, team of ~30+). */
export const SES_PER_SE_DIRECTOR = 30;

/**
 * OTE mid for SE2 in US pay zone 1.0 and level factors. Research §5.1: calibration assumption,
 * anchored on MTS ($150K average SE), BLS SOC 41-9031 and GitLab's level factors.
 */
export const SE2_OTE_MID_USD = 170_000;
export const LEVEL_OTE_FACTOR: Record<SeLevel | 'M1' | 'M2', number> = {
  SE1: 0.8,
  SE2: 1.0,
  SE3: 1.2,
  SE4: 1.45,
  SE5: 1.75,
  M1: 1.45,
  M2: 1.9,
};
/** Variable as a share of OTE: thesalesengineer.com; jasonlanders.com (15–30%). */
export const VARIABLE_SHARE: Record<SeLevel | 'M1' | 'M2', number> = {
  SE1: 0.15,
  SE2: 0.2,
  SE3: 0.225,
  SE4: 0.25,
  SE5: 0.3,
  M1: 0.25,
  M2: 0.3,
};
/** Position in band: GitLab's ±20% band spread; we draw compa-ratios N(1, 0.06) clipped to ±18%. */
export const COMPA_SD = 0.06;
export const COMPA_LIMIT = 0.18;
/** Planted pay-equity gap: women's compa-ratio centred 3% lower (a scenario, not a finding). */
export const PLANTED_GENDER_COMPA_GAP = 0.03;

/** GitLab location-factor method; research §5.1. */
export const LOCATION_FACTOR: Record<Location, number> = { 'us-tier1': 1.0, 'us-tier2': 0.9, uk: 0.75, 'eu-west': 0.7 };
export const LOCATION_CURRENCY: Record<Location, Currency> = { 'us-tier1': 'USD', 'us-tier2': 'USD', uk: 'GBP', 'eu-west': 'EUR' };
/** Share of NA people in tier-1 cities; share of EMEA people in the UK. Assumptions. */
export const NA_TIER1_SHARE = 0.6;
export const EMEA_UK_SHARE = 0.55;

/**
 * USD value of one unit of each currency: the budget rate for pay and quotas, and the centre of the
 * monthly fx.csv random walk. Assumption (roughly 2024–25 levels).
 */
export const BUDGET_RATE: Record<Currency, number> = { USD: 1, EUR: 1.08, GBP: 1.27 };
export const FX_MONTHLY_SD = 0.012;

/** AE quota by segment (USD): RepVue ($600K), FLG Partners ($1.5M ENT); research §5.1. */
export const AE_QUOTA_USD: Record<Segment, readonly number[]> = {
  ENT: [1_200_000, 1_300_000, 1_400_000, 1_500_000],
  MM: [600_000],
  SMB: [400_000],
};
/** AE pay: 50/50 and quota:OTE 5x (FLG Partners; GitLab SAL example). */
export const AE_QUOTA_TO_OTE = 5;
export const AE_VARIABLE_SHARE = 0.5;
/** Sales leaders' OTE relative to their AEs' average and their variable share: assumptions. */
export const AE_MANAGER_OTE_FACTOR = 1.3;
export const AE_DIRECTOR_OTE_FACTOR = 1.7;
export const AE_LEADER_VARIABLE_SHARE = 0.4;

/** AE attainment (RepVue): 25% of AEs at ~120%, 60% at ~80%, 15% struggling (≤50%). */
export const ATTAINMENT_CLASSES = [
  { share: 0.25, mean: 1.2, sd: 0.08 },
  { share: 0.6, mean: 0.8, sd: 0.08 },
  { share: 0.15, low: 0.25, high: 0.5 },
] as const;

/** Win rate, closed won ÷ (won + lost): salesmotion.io (HubSpot), knowlee.ai. ±5 pts by rep skill. */
export const WIN_RATE: Record<Segment, number> = { ENT: 0.15, MM: 0.2, SMB: 0.3 };
export const WIN_RATE_SKILL_SD = 0.025;
export const WIN_RATE_SKILL_LIMIT = 0.05;
/** P(win | technical win) and P(win | technical loss): research §5.1, assumption. */
export const P_WIN_GIVEN_TECH_WIN = 0.55;
export const P_WIN_GIVEN_TECH_LOSS = 0.03;

/** ACV: lognormal medians (knowlee.ai segment bands); the spread σ is an assumption. */
export const ACV_MEDIAN_USD: Record<Segment, number> = { ENT: 120_000, MM: 40_000, SMB: 12_000 };
export const ACV_SIGMA = 0.6;
/** Sales cycle medians in days (getgangly.com; emerging-tech-lab.com); σ is an assumption. */
export const CYCLE_MEDIAN_DAYS: Record<Segment, number> = { ENT: 240, MM: 120, SMB: 40 };
export const CYCLE_SIGMA = 0.5;
/** The technical win lands this far through the cycle before the close (assumption). */
export const TECH_WIN_BEFORE_CLOSE: readonly [number, number] = [0.15, 0.45];
/** A new AE's first close comes no sooner than this after the hire date (assumption). */
export const FIRST_CLOSE_LAG_DAYS: Record<Segment, number> = { ENT: 90, MM: 60, SMB: 30 };

/** Deal mix (assumptions): renewals, open deals at year end, new vs expansion, expansion size. */
export const RENEWAL_SHARE = 0.12;
export const RENEWAL_RATE = 0.85;
export const OPEN_SHARE = 0.04;
export const NEW_SHARE_OF_NEW_BUSINESS = 0.7;
export const EXPANSION_ACV_FACTOR = 0.6;
export const OPEN_STAGES = ['discovery', 'technical_validation', 'proposal', 'negotiation'] as const;
export const CROSS_TERRITORY_SHARE = 0.02;

/** Products and their share of opportunities (assumption); `observability` drives the SPIF. */
export const PRODUCTS = ['platform', 'analytics', 'security', 'observability'] as const;
export const PRODUCT_MIX = [0.45, 0.25, 0.18, 0.12] as const;

/** Share of new-business opportunities that need an SE: research §5.2. */
export const SE_SUPPORT_SHARE: Record<Segment, number> = { ENT: 0.9, MM: 0.6, SMB: 0.25 };
/** POC rate of SE-supported opportunities: research §5.1, assumption. */
export const POC_RATE: Record<Segment, number> = { ENT: 0.4, MM: 0.2, SMB: 0.05 };
/** Deal-team composition on supported deals (assumptions). */
export const SECONDARY_SE_RATE: Record<Segment, number> = { ENT: 0.3, MM: 0.15, SMB: 0 };
export const SPECIALIST_RATE: Record<Segment, number> = { ENT: 0.2, MM: 0.08, SMB: 0 };
export const PRIMARY_HOURS_MEDIAN: Record<Segment, number> = { ENT: 40, MM: 16, SMB: 5 };
export const SPECIALIST_HOURS_MEDIAN = 8;
export const HOURS_SIGMA = 0.5;
export const BLANK_HOURS_SHARE = 0.05;
/** MM: share of an AE's supported deals that go to the AE's usual pod SE (assumption). */
export const USUAL_SE_SHARE = 0.7;

/** Churn of won deals by segment (assumption); half of it within the 90-day clawback window. */
export const CHURN_RATE: Record<Segment, number> = { ENT: 0.015, MM: 0.025, SMB: 0.04 };

/** Management buffer: each layer keeps ~10% (RepVue), so team targets are 90% of the sum below. */
export const MANAGEMENT_BUFFER = 0.9;

/** Staffing events (assumptions): 4% of AEs hired mid-year; 5% of SEs leave and are replaced. */
export const AE_HIRE_SHARE = 0.04;
export const SE_LEAVER_SHARE = 0.05;

/** Tenure of people already employed at the start of the year (assumption). */
export const TENURE_MEDIAN_DAYS = 900;
export const TENURE_SIGMA = 0.7;

/** Gender mix for attr_gender (assumption; no SE-specific source in the research). */
export const GENDER_MIX = { F: 0.27, M: 0.71, X: 0.02 } as const;

/** President's Club: AE top 12% by attainment (research §5.1; MTS), the same share of SEs. */
export const CLUB_SHARE = 0.12;

/** Load profile: rows per deal-team by segment relative to the mean (ENT bigger, SMB smaller). */
export const LOAD_TEAM_OFFSET: Record<Segment, number> = { ENT: 0.5, MM: 0, SMB: -0.5 };

// ---------------------------------------------------------------- the ladder side (career files)

/**
 * Career rows are dated on or before the fiscal year's end minus this many days, so a run "as of
 * today" late in the year sees the same picture. Assumption.
 */
export const CAREER_DATA_LAG_DAYS = 45;
/** Assessment cycles: semiannual, on these (month, day) dates. Assumption (mid-year and year-end reviews). */
export const ASSESSMENT_CYCLES: readonly (readonly [number, number])[] = [
  [6, 15],
  [12, 15],
];
/** A new hire is first rated at the first cycle at least this many days after the hire. Assumption. */
export const ASSESSMENT_FIRST_DAYS = 30;
/** Shares of routine assessments with 0, 1 or 2 competencies rated one milestone below the level. Assumption. */
export const RATING_DIP_MIX: readonly number[] = [0.55, 0.35, 0.1];
/** Chance that a self rating runs one milestone above the calibrated one, for a typical person and for a generous self-rater; share of generous self-raters. Assumption (planted self/manager disagreement). */
export const SELF_RATING_UP = 0.15;
export const SELF_RATING_UP_GENEROUS = 0.6;
export const GENEROUS_SELF_RATER_SHARE = 0.25;
/** Chance that a manager rates one competency a milestone above the calibrated rating. Assumption. */
export const MANAGER_RATING_UP = 0.2;
/** Promotions are at least this many months apart and after the hire: Sourcegraph's 4 sustained quarters (research §2.2). */
export const PROMOTION_MIN_GAP_MONTHS = 12;
/** Chance of each earlier promotion that tenure allows before the current level. Assumption. */
export const EARLIER_PROMOTION_RATE = 0.6;

/**
 * Evidence (activities.csv) is drawn as Poisson counts per quarter at the level's yearly minimum
 * (the default ladder's evidence, over 4 quarters) times this surplus, plus 0.1 per level above
 * SE1 (more senior people over-deliver more), then topped up so every check window meets the
 * minimum. Assumption; research §5.2 scales evidence rates by level.
 */
export const EVIDENCE_SURPLUS = 1.15;
export const EVIDENCE_SURPLUS_PER_LEVEL = 0.1;
/** Yearly rates of the activity types no ladder minimum asks for (assumption): enablement for everyone, external talks from SE3 up. */
export const ENABLEMENT_PER_YEAR = 2;
export const EXTERNAL_TALKS_PER_YEAR_FROM_SE3 = 0.5;
/** Product-gap severity mix, deal breaker / challenge / nice to have: research §5.1 (assumption; Vivun's taxonomy). */
export const PRODUCT_GAP_SEVERITY_MIX: readonly number[] = [0.2, 0.4, 0.4];
/** Chance that a product gap or customer reference names a deal the person was on, when there is one. Assumption. */
export const ACTIVITY_DEAL_LINK_RATE = 0.85;

/** Older career-path conversations: chance of one in each of the 3 years before the last 12 months. Assumption. */
export const OLDER_CONVERSATION_RATE = 0.6;

/**
 * Pay bands: GitLab's ±20% spread (research §2.1) is the starting point; the demo widens it in
 * 1-point steps until every in-scope person's base is inside their band (the roster draws
 * compa-ratios clipped to ±18%, and women's 3% lower, so ±20% can leave someone below the minimum).
 */
export const BAND_SPREAD_MIN = 0.2;
export const BAND_SPREAD_STEP = 0.01;
/** M3 (Head of SE, no one holds it in the demo): OTE factor and variable share. Assumption (GitLab grade 11 above the director's 1.9; the director's 30% variable). */
export const M3_OTE_FACTOR = 2.3;
export const M3_VARIABLE_SHARE = 0.3;

/** Planted ladder cases (docs/demo-org.md, "The ladder side"): assumptions that make the people report's rules fire. */
export const PLANTED_TENURE_PROMOTION_MONTHS = 24;
export const PLANTED_STUCK_YEARS = 4;
export const PLANTED_STUCK_CYCLES = 3;
export const PLANTED_SILENT_MONTHS = 15;
