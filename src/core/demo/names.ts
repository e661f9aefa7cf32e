/** Word lists for synthetic names. Some carry accents (UTF-8) or punctuation (CSV quoting). */

export const FIRST_NAMES_F: readonly string[] = [
  'Amara', 'Ana', 'Beatriz', 'Chloé', 'Dana', 'Elena', 'Fatima', 'Grace', 'Hana', 'Ines', 'Jade',
  'Julia', 'Kaia', 'Lena', 'Maya', 'Mei', 'Nadia', 'Noor', 'Olivia', 'Priya', 'Rosa', 'Sara',
  'Sofia', 'Tamar', 'Uma', 'Valentina', 'Wen', 'Yasmin', 'Zoë', 'Aisha', 'Carmen', 'Ingrid',
];
export const FIRST_NAMES_M: readonly string[] = [
  'Aaron', 'Ahmed', 'Andrés', 'Ben', 'Carlos', 'Daniel', 'David', 'Emeka', 'Ethan', 'Felix', 'Hiro',
  'Ivan', 'Jamal', 'James', 'José', 'Kenji', 'Liam', 'Lucas', 'Marco', 'Mateo', 'Nikhil', 'Omar',
  'Pavel', 'Raj', 'Samuel', 'Søren', 'Tomás', 'Victor', 'Wei', 'Yusuf', 'Noah', 'Oscar',
];
export const FIRST_NAMES_X: readonly string[] = ['Alex', 'Jordan', 'Kai', 'Quinn', 'Riley', 'Robin', 'Sam', 'Taylor'];

export const LAST_NAMES: readonly string[] = [
  'Adeyemi', 'Almeida', 'Andersen', 'Bauer', 'Becker', 'Chen', 'Costa', 'Dubois', 'Eriksson', 'Fischer',
  'García', 'Gupta', 'Hansen', 'Haddad', 'Ito', 'Jensen', 'Kaur', 'Kim', 'Kowalski', 'Laurent',
  'Lindqvist', 'López', 'Martin', 'Mendes', 'Moreau', 'Müller', 'Nakamura', 'Nguyen', "O'Brien",
  'Okafor', 'Park', 'Patel', 'Petrov', 'Quinn', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh',
  'Smith', 'Sato', 'Tanaka', 'Thompson', 'Virtanen', 'Walsh', 'Weber', 'Williams', 'Yilmaz', 'Zhang',
  'Novak', 'Brennan', 'Horvat',
];

export const COMPANY_STEMS: readonly string[] = [
  'Acme', 'Apex', 'Arbor', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Bluepeak', 'Brightwater', 'Cascade',
  'Cedar', 'Cobalt', 'Copperline', 'Crescent', 'Delta', 'Ember', 'Evergreen', 'Falcon', 'Fjord',
  'Globex', 'Granite', 'Harbor', 'Helix', 'Horizon', 'Indigo', 'Ironwood', 'Juniper', 'Keystone',
  'Lantern', 'Lighthouse', 'Maple', 'Meridian', 'Monarch', 'Nimbus', 'Northstar', 'Oakridge', 'Orbit',
  'Pinnacle', 'Polaris', 'Quarry', 'Redwood', 'Riverbend', 'Saffron', 'Sierra', 'Silverline',
  'Summit', 'Tidewater', 'Umbra', 'Vantage', 'Vertex', 'Willow', 'Zephyr',
];
export const COMPANY_KINDS: readonly string[] = [
  'Logistics', 'Health', 'Bank', 'Insurance', 'Retail', 'Energy', 'Foods', 'Media', 'Labs', 'Systems',
  'Manufacturing', 'Telecom', 'Pharma', 'Analytics', 'Airlines', 'Mutual', 'Capital', 'Motors',
  'Software', 'Hotels', 'Mining', 'Robotics', 'Shipping', 'Textiles',
];
/** Company suffixes; the comma ones make CSV fields that must be quoted. */
export const COMPANY_SUFFIXES: readonly string[] = [
  '', '', '', '', '', ' Group', ' Holdings', ', Inc.', ', LLC', ' GmbH', ' Ltd', ' & Co.', ' S.A.', ' plc',
];
export const CODENAMES: readonly string[] = [
  'Atlas', 'Bluebird', 'Condor', 'Everest', 'Falcon', 'Granite', 'Kestrel', 'Lighthouse', 'Mercury',
  'Nebula', 'Orion', 'Phoenix', 'Sequoia', 'Titan', 'Voyager',
];
