// What a generated clinic is made of: fictional people and places, the clinic's catalogue,
// consent wording and the intake questionnaire. Names are drawn from many languages (accents,
// apostrophes, particles and double surnames included) and combined at random, so no generated
// patient is a real person.
import type { PatientFlag, TreatmentType } from '../../db/api/fields';
import type { Role } from '../../db/api/command';

export const femaleFirstNames = [
  'Amélie', 'Zoé', 'Inès', 'Chloé', 'Maëlle', 'Héloïse', 'Noémie', 'Océane', 'Renée', 'María', 'Lucía', 'Sofía',
  'Begoña', 'Itziar', 'Ximena', 'Inês', 'Joana', 'Leonor', 'Conceição', 'Anneliese', 'Käthe', 'Jördis', 'Åsa',
  'Ingrid', 'Sigríður', 'Bjørg', 'Małgorzata', 'Zofia', 'Agnieszka', 'Łucja', 'Zuzana', 'Markéta', 'Anežka',
  'Ayşe', 'Gülşen', 'Özlem', 'Thảo', 'Ngọc Anh', 'Hằng', 'Phương', 'Siobhán', 'Aoife', 'Niamh', 'Saoirse',
  'Caoimhe', 'Siân', 'Rhiannon', 'Zsófia', 'Réka', 'Ioana', 'Ștefania', 'Chiamaka', 'Adaeze', 'Ngozi', 'Folake',
  'Priyanka', 'Ananya', 'Lakshmi', 'Meera', 'Layla', 'Nour', 'Yasmin', 'Mariam', 'Ji-woo', 'Seo-yeon', 'Maricel',
  'Rosalinda', 'Eleni', 'Chrysoula', 'Marie', 'Anna', 'Grace', 'Hannah', 'Olivia', 'Isabel', 'Camille', 'Elena',
] as const;

export const maleFirstNames = [
  'Mathéo', 'Jérôme', 'Anaël', 'José', 'Andrés', 'Iñaki', 'João', 'Sérgio', 'Jürgen', 'Søren', 'Bjørn', 'Paweł',
  'Łukasz', 'Tomáš', 'Çağan', 'Mehmet', 'Dũng', 'Quốc Bảo', 'Seán', 'Ciarán', 'Eoghan', 'Dafydd', 'Zoltán',
  'Ștefan', 'Chukwuemeka', 'Babajide', 'Arjun', 'Rohan', 'Karim', 'Youssef', 'Min-jun', 'Nikos', 'Théo',
  'Rafael', 'Mateus', 'Oskar', 'Daniel', 'Samuel', 'Luca', 'Adam',
] as const;

export const otherFirstNames = ['Alex', 'Sam', 'Robin', 'Noa', 'Kai', 'Eden', 'Ariel', 'Sasha'] as const;

export const lastNames = [
  'Núñez-García', 'Fernández', 'Muñoz', 'Peña', 'Ibáñez', 'Gómez de la Cruz', 'Alcántara', 'Ortiz', 'Ferreira',
  'Gonçalves', 'Magalhães', 'dos Santos', 'Araújo', 'Müller', 'Schäfer', 'Köhler', 'Weiß', 'Großmann', 'Dubois',
  'Lefèvre', 'Bérénger', 'Chevalier', 'Beaulieu', 'Lemaître', 'Østergaard', 'Sørensen', 'Ågren', 'Lindqvist',
  'Kowalczyk', 'Wiśniewska', 'Łukasik', 'Zieliński', 'Nováková', 'Dvořák', 'Horváth', 'Szabó', 'Yılmaz', 'Öztürk',
  'Çelik', 'Şahin', 'Nguyễn', 'Trần', 'Phạm', 'Lê', 'Đặng', "O'Brien", "O'Sullivan", 'Ó Dálaigh', 'Mac Cárthaigh',
  'Okonkwo', 'Adébáyọ̀', 'Okafor', 'Nwosu', 'Abubakar', 'Balogun', 'Patel', 'Iyer', 'Raghunathan', 'Chatterjee',
  'Haddad', 'Al-Farsi', 'El Amrani', 'Kim', 'Park', 'Choi', 'Santos', 'Reyes', 'dela Cruz', 'Papadopoulou',
  'Georgiou', 'van der Berg', 'de Vries', 'van Dijk', 'Jansen', 'Costa', 'Bianchi', 'Ricci', 'Esposito',
  "D'Angelo", 'Rossi', 'ap Rhys', 'Brennan', 'Whitlock', 'Ashdown', 'Fairbairn', 'Holloway', 'Pemberton',
  'Quigley', 'Thistlewood', 'Varga', 'Mészáros', 'Popescu', 'Ionescu', 'Mbeki', 'Mensah', 'Boateng', 'Asante',
  'Kovač', 'Babić', 'Jovanović', 'Petrović', 'Nieminen', 'Järvinen', 'Hämäläinen', 'Saarinen', 'Virtanen',
  'Tanaka', 'Sato', 'Yamamoto', 'Wójcik', 'Kamińska', 'Fitzgerald', 'Lindgren', 'Håkansson', 'Bergström',
] as const;

export const towns = ['Northbridge', 'Ashford Vale', 'Kestrel Bay', 'Marlow Cross', 'Elderwick', 'Fernhollow', 'Ravensmere', 'Brightwater', 'Oakhaven', 'Stonyford'] as const;
export const streets = ['Willow Lane', 'Harbour Road', 'Mill Street', 'Larch Avenue', 'Chapel Row', 'Orchard Close', "Queen's Parade", 'Linden Way', 'Quarry Hill', 'Beacon Street'] as const;

export const allergyChoices = ['penicillin', 'latex', 'sulfonamides', 'shellfish', 'nickel', 'fragrance mix', 'lidocaine', 'aspirin'] as const;
export const medicineChoices = ['levothyroxine', 'combined oral contraceptive', 'sertraline', 'salbutamol inhaler', 'metformin', 'doxycycline', 'ramipril', 'cetirizine'] as const;

export const patientNotes = [
  'Prefers morning appointments.',
  'Needle-anxious: allow extra time and talk through each step.',
  'Referred by her GP for melasma.',
  'Works outdoors; reminded about daily sunscreen.',
  'Prefers to be contacted by e-mail.',
  'Interpreter helpful for consent discussions.',
] as const;

export interface StaffMember {
  name: string;
  username: string;
  role: Role;
}

/** Known demo passwords, one per role (printed by `npm run demo`). */
export const demoPasswords: Record<Role, string> = {
  admin: 'demo admin 2026',
  practitioner: 'demo practitioner 2026',
  front_desk: 'demo front desk 2026',
};

export const coreStaff: readonly StaffMember[] = [
  { name: 'Helena Brandt', username: 'helena', role: 'admin' },
  { name: 'Dr Inès Moreau', username: 'ines', role: 'practitioner' },
  { name: 'Tomás Ferreira RN', username: 'tomas', role: 'practitioner' },
  { name: 'Kofi Mensah', username: 'kofi', role: 'front_desk' },
  { name: 'Saoirse Byrne', username: 'saoirse', role: 'front_desk' },
];

/** More staff for a clinic group: practitioners and front desk at several sites. */
export const groupStaff: readonly StaffMember[] = [
  { name: 'Dr Aditi Raman', username: 'aditi', role: 'practitioner' },
  { name: 'Mei Lin Tan RN', username: 'meilin', role: 'practitioner' },
  { name: 'Dr Jakub Nowicki', username: 'jakub', role: 'practitioner' },
  { name: 'Chidinma Eze RN', username: 'chidinma', role: 'practitioner' },
  { name: 'Dr Élodie Garnier', username: 'elodie', role: 'practitioner' },
  { name: 'Rania Saleh', username: 'rania', role: 'front_desk' },
  { name: 'Bartholomew Quinn', username: 'bart', role: 'front_desk' },
  { name: 'Lúcia Prado', username: 'lucia', role: 'front_desk' },
  { name: 'Marek Holub', username: 'marek', role: 'admin' },
];

export type ProductKey =
  | 'glutathione'
  | 'ascorbic'
  | 'saline'
  | 'water'
  | 'cannula'
  | 'givingSet'
  | 'syringe'
  | 'emla'
  | 'lido4'
  | 'vitCSerum'
  | 'txaSerum'
  | 'haSerum'
  | 'kojicSerum'
  | 'azelaicSerum'
  | 'hydroquinone'
  | 'glycolicPeel'
  | 'salicylicPeel'
  | 'tcaPeel'
  | 'jessnerPeel'
  | 'neutraliser'
  | 'prepSolution'
  | 'mesoCocktail'
  | 'mesoNeedle'
  | 'mnCartridge'
  | 'coolingGel'
  | 'crystals'
  | 'spf'
  | 'soothingGel';

export interface CatalogueProduct {
  key: ProductKey;
  code: string;
  name: string;
  kind: 'injectable' | 'infusion' | 'topical' | 'serum' | 'peel' | 'other';
  manufacturer: string;
  strength: string | null;
  unit: string;
  ingredients: string[];
  defaultQuantity: number;
  /** Quantity used per session: [min, max, step]. */
  dose: readonly [number, number, number];
}

// Manufacturer names are invented.
export const catalogue: readonly CatalogueProduct[] = [
  { key: 'glutathione', code: 'GLU', name: 'Glutathione 600 mg powder for solution', kind: 'injectable', manufacturer: 'Veridia Pharma', strength: '600 mg', unit: 'vial', ingredients: ['glutathione'], defaultQuantity: 2, dose: [1, 3, 1] },
  { key: 'ascorbic', code: 'ASC', name: 'Ascorbic acid 500 mg/mL injection 5 mL', kind: 'injectable', manufacturer: 'Lumen Sterile', strength: '500 mg/mL', unit: 'ampoule', ingredients: ['ascorbic_acid'], defaultQuantity: 1, dose: [1, 1, 1] },
  { key: 'saline', code: 'NAC', name: 'Sodium chloride 0.9% infusion 100 mL', kind: 'infusion', manufacturer: 'Lumen Sterile', strength: '0.9%', unit: 'bag', ingredients: ['sodium_chloride'], defaultQuantity: 1, dose: [1, 1, 1] },
  { key: 'water', code: 'WFI', name: 'Water for injections 5 mL', kind: 'injectable', manufacturer: 'Lumen Sterile', strength: null, unit: 'ampoule', ingredients: [], defaultQuantity: 1, dose: [1, 1, 1] },
  { key: 'cannula', code: 'CAN', name: 'IV cannula 22G', kind: 'other', manufacturer: 'Harbour Medical', strength: '22G', unit: 'each', ingredients: [], defaultQuantity: 1, dose: [1, 1, 1] },
  { key: 'givingSet', code: 'GIV', name: 'Infusion giving set', kind: 'other', manufacturer: 'Harbour Medical', strength: null, unit: 'each', ingredients: [], defaultQuantity: 1, dose: [1, 1, 1] },
  { key: 'syringe', code: 'SYR', name: 'Syringe 5 mL with 25G needle', kind: 'other', manufacturer: 'Harbour Medical', strength: null, unit: 'each', ingredients: [], defaultQuantity: 1, dose: [1, 2, 1] },
  { key: 'emla', code: 'LPC', name: 'Lidocaine 2.5% / prilocaine 2.5% cream 30 g', kind: 'topical', manufacturer: 'Calder Dermatics', strength: '2.5% / 2.5%', unit: 'g', ingredients: ['lidocaine', 'prilocaine'], defaultQuantity: 4, dose: [2, 6, 0.5] },
  { key: 'lido4', code: 'LDC', name: 'Lidocaine 4% cream 30 g', kind: 'topical', manufacturer: 'Calder Dermatics', strength: '4%', unit: 'g', ingredients: ['lidocaine'], defaultQuantity: 3, dose: [2, 5, 0.5] },
  { key: 'vitCSerum', code: 'VCS', name: 'Vitamin C 15% serum', kind: 'serum', manufacturer: 'Solenne Skin', strength: '15%', unit: 'mL', ingredients: ['ascorbic_acid'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'txaSerum', code: 'TXS', name: 'Tranexamic acid 3% serum', kind: 'serum', manufacturer: 'Solenne Skin', strength: '3%', unit: 'mL', ingredients: ['tranexamic_acid'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'haSerum', code: 'HAS', name: 'Hyaluronic acid 1% serum', kind: 'serum', manufacturer: 'Solenne Skin', strength: '1%', unit: 'mL', ingredients: ['hyaluronic_acid'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'kojicSerum', code: 'KJS', name: 'Kojic acid 2% serum', kind: 'serum', manufacturer: 'Solenne Skin', strength: '2%', unit: 'mL', ingredients: ['kojic_acid'], defaultQuantity: 1, dose: [0.5, 2, 0.5] },
  { key: 'azelaicSerum', code: 'AZS', name: 'Azelaic acid 15% gel', kind: 'serum', manufacturer: 'Calder Dermatics', strength: '15%', unit: 'g', ingredients: ['azelaic_acid'], defaultQuantity: 1, dose: [0.5, 2, 0.5] },
  { key: 'hydroquinone', code: 'HQC', name: 'Hydroquinone 4% cream', kind: 'topical', manufacturer: 'Calder Dermatics', strength: '4%', unit: 'g', ingredients: ['hydroquinone'], defaultQuantity: 1, dose: [0.5, 1, 0.5] },
  { key: 'glycolicPeel', code: 'GLY', name: 'Glycolic acid 35% peel', kind: 'peel', manufacturer: 'Ostara Peels', strength: '35%', unit: 'mL', ingredients: ['glycolic_acid'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'salicylicPeel', code: 'SAL', name: 'Salicylic acid 20% peel', kind: 'peel', manufacturer: 'Ostara Peels', strength: '20%', unit: 'mL', ingredients: ['salicylic_acid'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'tcaPeel', code: 'TCA', name: 'Trichloroacetic acid 15% peel', kind: 'peel', manufacturer: 'Ostara Peels', strength: '15%', unit: 'mL', ingredients: ['trichloroacetic_acid'], defaultQuantity: 1.5, dose: [1, 2, 0.5] },
  { key: 'jessnerPeel', code: 'JES', name: "Jessner's solution", kind: 'peel', manufacturer: 'Ostara Peels', strength: '14% / 14% / 14%', unit: 'mL', ingredients: ['salicylic_acid', 'lactic_acid', 'resorcinol'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'neutraliser', code: 'NEU', name: 'Peel neutraliser (sodium bicarbonate)', kind: 'topical', manufacturer: 'Ostara Peels', strength: null, unit: 'mL', ingredients: ['sodium_bicarbonate'], defaultQuantity: 5, dose: [3, 10, 1] },
  { key: 'prepSolution', code: 'PRP', name: 'Pre-peel degreasing solution', kind: 'topical', manufacturer: 'Ostara Peels', strength: null, unit: 'mL', ingredients: ['acetone', 'isopropyl_alcohol'], defaultQuantity: 3, dose: [2, 5, 1] },
  { key: 'mesoCocktail', code: 'MSC', name: 'Brightening mesotherapy solution 5 mL', kind: 'injectable', manufacturer: 'Veridia Pharma', strength: null, unit: 'vial', ingredients: ['glutathione', 'ascorbic_acid', 'tranexamic_acid'], defaultQuantity: 1, dose: [1, 2, 1] },
  { key: 'mesoNeedle', code: 'MND', name: 'Mesotherapy needle 32G 4 mm', kind: 'other', manufacturer: 'Harbour Medical', strength: '32G', unit: 'each', ingredients: [], defaultQuantity: 2, dose: [1, 3, 1] },
  { key: 'mnCartridge', code: 'MNC', name: 'Microneedling cartridge 16-pin', kind: 'other', manufacturer: 'Harbour Medical', strength: null, unit: 'each', ingredients: [], defaultQuantity: 1, dose: [1, 1, 1] },
  { key: 'coolingGel', code: 'CGL', name: 'Cooling gel 250 mL', kind: 'other', manufacturer: 'Harbour Medical', strength: null, unit: 'mL', ingredients: [], defaultQuantity: 20, dose: [10, 40, 5] },
  { key: 'crystals', code: 'AOX', name: 'Aluminium oxide crystals', kind: 'other', manufacturer: 'Harbour Medical', strength: null, unit: 'g', ingredients: ['aluminium_oxide'], defaultQuantity: 8, dose: [5, 10, 1] },
  { key: 'spf', code: 'SPF', name: 'Mineral sunscreen SPF 50', kind: 'topical', manufacturer: 'Solenne Skin', strength: 'SPF 50', unit: 'mL', ingredients: ['zinc_oxide', 'titanium_dioxide'], defaultQuantity: 2, dose: [1, 3, 0.5] },
  { key: 'soothingGel', code: 'SGL', name: 'Soothing aloe and panthenol gel', kind: 'topical', manufacturer: 'Solenne Skin', strength: null, unit: 'mL', ingredients: ['aloe_vera', 'panthenol'], defaultQuantity: 2, dose: [1, 3, 0.5] },
];

/** How often each treatment is done in the clinic. */
export const treatmentMix: readonly (readonly [TreatmentType, number])[] = [
  ['iv_glutathione', 20],
  ['glutathione_injection', 8],
  ['microneedling', 18],
  ['laser', 12],
  ['ipl', 10],
  ['chemical_peel', 14],
  ['mesotherapy', 6],
  ['cryotherapy', 4],
  ['microdermabrasion', 8],
];

/** What is usually used in a session of each type: one of the products, with the chance it is used. */
export const treatmentProducts: Record<TreatmentType, readonly (readonly [readonly ProductKey[], number])[]> = {
  iv_glutathione: [[['glutathione'], 1], [['saline'], 1], [['cannula'], 1], [['givingSet'], 1], [['ascorbic'], 0.35]],
  glutathione_injection: [[['glutathione'], 1], [['water'], 0.95], [['syringe'], 1]],
  microneedling: [[['mnCartridge'], 1], [['emla', 'lido4'], 0.9], [['vitCSerum', 'txaSerum', 'haSerum'], 1], [['spf'], 0.6]],
  laser: [[['lido4', 'emla'], 0.5], [['coolingGel'], 0.7], [['soothingGel'], 0.6], [['spf'], 0.8]],
  ipl: [[['coolingGel'], 1], [['soothingGel'], 0.6], [['spf'], 0.8]],
  chemical_peel: [[['prepSolution'], 0.9], [['glycolicPeel', 'salicylicPeel', 'tcaPeel', 'jessnerPeel'], 1], [['neutraliser'], 0.6], [['spf'], 0.8]],
  mesotherapy: [[['mesoCocktail'], 1], [['mesoNeedle'], 1], [['emla', 'lido4'], 0.6], [['kojicSerum', 'azelaicSerum'], 0.3]],
  cryotherapy: [[['soothingGel'], 0.5], [['spf'], 0.4]],
  microdermabrasion: [[['crystals'], 0.6], [['haSerum', 'vitCSerum'], 0.6], [['spf'], 0.6], [['hydroquinone', 'kojicSerum'], 0.1]],
};

/** Where a product goes, per treatment type (the `area` of a product use). */
export const productAreas: Record<TreatmentType, readonly string[]> = {
  iv_glutathione: ['left antecubital fossa', 'right antecubital fossa', 'left forearm', 'right forearm', 'back of left hand'],
  glutathione_injection: ['left deltoid', 'right deltoid', 'left antecubital fossa', 'right antecubital fossa'],
  microneedling: ['full face', 'cheeks', 'forehead', 'full face and neck'],
  laser: ['full face', 'cheeks', 'forehead', 'upper lip', 'backs of hands'],
  ipl: ['full face', 'cheeks', 'décolletage', 'backs of hands'],
  chemical_peel: ['full face', 'full face and neck', 'cheeks and forehead'],
  mesotherapy: ['full face', 'cheeks', 'under-eye area'],
  cryotherapy: ['backs of hands', 'left forearm', 'right cheek', 'forehead'],
  microdermabrasion: ['full face', 'full face and neck'],
};

export interface Zone {
  diagram: 'face_front' | 'body_front';
  zone: string;
  label: string;
}

export const faceZones: readonly Zone[] = [
  { diagram: 'face_front', zone: 'forehead', label: 'forehead' },
  { diagram: 'face_front', zone: 'left_cheek', label: 'left cheek' },
  { diagram: 'face_front', zone: 'right_cheek', label: 'right cheek' },
  { diagram: 'face_front', zone: 'nose', label: 'nose' },
  { diagram: 'face_front', zone: 'chin', label: 'chin' },
  { diagram: 'face_front', zone: 'upper_lip', label: 'upper lip' },
  { diagram: 'face_front', zone: 'neck', label: 'neck' },
];

export const bodyZones: readonly Zone[] = [
  { diagram: 'body_front', zone: 'left_hand', label: 'back of left hand' },
  { diagram: 'body_front', zone: 'right_hand', label: 'back of right hand' },
  { diagram: 'body_front', zone: 'left_forearm', label: 'left forearm' },
  { diagram: 'body_front', zone: 'chest', label: 'décolletage' },
];

export const sessionNotes = [
  'Tolerated well. Aftercare sheet given and explained.',
  'Mild erythema at the end of treatment, settling before discharge.',
  'Patient reports improvement in pigmentation since the last visit.',
  'Reviewed home care: daily SPF 50, no retinoids for five days.',
  'Photos taken under the same lighting as at baseline.',
  'Discussed realistic expectations; course plan unchanged.',
] as const;

export const addendumTexts = [
  ['Patient phoned: mild swelling settled within 48 hours.', 'Follow-up call recorded after signing'],
  ['Lot number cross-checked against the delivery note.', 'Verification after signing'],
  ['Corrected area description: left cheek, not right.', 'Correction of a charting error'],
] as const;

/** Consent wording per treatment type, in plain language (version 1, and a revised version 2 for some types). */
export const consentWording: Record<TreatmentType, { title: string; body: string; revised?: string }> = {
  iv_glutathione: {
    title: 'Consent to intravenous glutathione',
    body: `Glutathione is given through a small plastic tube (cannula) placed in a vein, as a slow drip. It is offered to support a more even skin tone; results vary from person to person, may take several sessions to show, and fade when treatment stops. It is not a licensed treatment for skin lightening.
Possible effects: discomfort, bruising or swelling where the cannula goes in; irritation of the vein; nausea or stomach upset; a rash or itching. Rarely, a serious allergic reaction, which the clinic is equipped to treat.
Tell us before each session if you are or may be pregnant, are breastfeeding, have G6PD deficiency, asthma, kidney or liver disease, or take any new medicine. You may stop the treatment at any time.`,
    revised: `This version adds: we ask you to stay seated for 15 minutes after the drip ends, and to tell the nurse at once if you feel wheezy, faint or itchy during the infusion.`,
  },
  glutathione_injection: {
    title: 'Consent to glutathione injection',
    body: `Glutathione is given by injection into a vein or a muscle. It is offered to support a more even skin tone; results vary, are not permanent, and it is not a licensed treatment for skin lightening.
Possible effects: pain, bruising or a small lump at the injection site; nausea; a rash or itching. Rarely, a serious allergic reaction, which the clinic is equipped to treat.
Tell us before each session if you are or may be pregnant, are breastfeeding, have G6PD deficiency or asthma, or take any new medicine. You may stop the treatment at any time.`,
  },
  microneedling: {
    title: 'Consent to microneedling',
    body: `A pen with very fine needles makes many tiny punctures in the skin, with a serum applied during treatment. Numbing cream is used first if you wish.
Expect redness and tightness like sunburn for one to three days, pinpoint bleeding during treatment, and dryness or flaking for a few days after. Less often: a flare of cold sores, infection, a reaction to the serum, or patches of darker or lighter skin, which are more likely on darker skin types and usually fade. Scarring is rare.
Please avoid sun, make-up, swimming, saunas and retinoids for the days stated on your aftercare sheet. Tell us about cold sores, keloid scarring, isotretinoin in the last six months, or any skin infection.`,
  },
  laser: {
    title: 'Consent to laser treatment',
    body: `A laser delivers light energy to the skin to target pigment. A test spot is done first and checked before the full treatment. You and staff will wear eye protection.
Expect warmth, redness and swelling for a few hours to days; treated spots may darken and flake off over one to two weeks. Possible complications: blisters, crusting, burns, darker or lighter patches of skin (more likely on tanned or darker skin), and rarely scarring.
Tell us if you have a tan, use self-tan, take medicines that make the skin sensitive to light, or took isotretinoin in the last six months. Protect the treated area from the sun as your aftercare sheet explains.`,
    revised: `This version adds: if you have had any sun exposure or a tan in the four weeks before a session, the practitioner may lower the settings or postpone the treatment.`,
  },
  ipl: {
    title: 'Consent to intense pulsed light (IPL)',
    body: `IPL uses flashes of filtered light to target brown spots and redness. A cooling gel is applied and a test patch is done first. Eye protection is worn throughout.
Expect warmth, redness and mild swelling for a few hours; brown spots darken and flake over one to two weeks. Possible complications: blisters, burns, crusting, darker or lighter patches of skin (more likely on tanned or darker skin), and rarely scarring.
Tell us about a recent tan, light-sensitising medicines, isotretinoin in the last six months, or pregnancy. Avoid sun on the treated area as your aftercare sheet explains.`,
  },
  chemical_peel: {
    title: 'Consent to chemical peel',
    body: `An acid solution is applied to clean skin for a set time, then neutralised or removed, to shed the outer layers and even out pigment.
Expect stinging during the peel, then redness, tightness and peeling for three to seven days. Possible complications: prolonged redness, a flare of cold sores, infection, darker or lighter patches of skin, and rarely scarring.
Tell us about cold sores, isotretinoin in the last six months, recent waxing or retinoid use, pregnancy, or any broken skin. Do not pick peeling skin, and use sun protection as your aftercare sheet explains.`,
  },
  mesotherapy: {
    title: 'Consent to mesotherapy',
    body: `Many small injections place a brightening solution just under the skin surface. Numbing cream is offered first.
Expect small bumps, redness, tenderness and possibly bruising for a few days. Less often: infection, an allergic reaction to the solution, or small lumps that settle over weeks.
Tell us if you are pregnant or breastfeeding, take blood thinners, have a skin infection, or have had a reaction to any ingredient before.`,
  },
  cryotherapy: {
    title: 'Consent to cryotherapy',
    body: `Very cold liquid nitrogen is applied to a spot to freeze it, so it blisters and peels away.
Expect stinging during treatment, then redness, swelling and a blister that crusts and heals over one to three weeks. Possible complications: a lighter patch of skin that may be permanent (more likely on darker skin), a darker patch, infection, and rarely a scar.
Tell us if you have poor circulation, a cold-related condition such as Raynaud's, or a history of keloid scars.`,
  },
  microdermabrasion: {
    title: 'Consent to microdermabrasion',
    body: `A handpiece gently sands the outermost layer of skin with fine crystals or a diamond tip while suction removes the debris.
Expect mild redness and sensitivity for a few hours, like a light windburn. Less often: small grazes, bruising from suction, or patches of darker skin.
Tell us about active acne, cold sores, isotretinoin in the last six months, or a recent tan, and protect the skin from the sun for a week afterwards.`,
  },
};

export const consentDeclaration =
  'I have read this information, had the chance to ask questions, and understand the benefits, risks and alternatives, including having no treatment. I agree to this treatment and know I can withdraw my consent at any time.';

/** The screening questions, keyed by the flag they set. */
export const screeningQuestions: readonly { id: PatientFlag; label: string }[] = [
  { id: 'pregnant', label: 'Are you pregnant, or could you be pregnant?' },
  { id: 'breastfeeding', label: 'Are you breastfeeding?' },
  { id: 'isotretinoin_6m', label: 'Have you taken isotretinoin (for example Roaccutane) in the last 6 months?' },
  { id: 'photosensitising_meds', label: 'Do you take any medicine that makes your skin sensitive to sunlight (for example doxycycline, St John’s wort)?' },
  { id: 'g6pd_deficiency', label: 'Have you ever been told you have G6PD deficiency?' },
  { id: 'anaesthetic_allergy', label: 'Have you had a reaction to a local anaesthetic such as lidocaine or prilocaine?' },
  { id: 'keloid_tendency', label: 'Do you form raised or thickened scars (keloids)?' },
  { id: 'active_infection', label: 'Do you have a cold sore, rash or infection on the area to be treated?' },
  { id: 'recent_tan', label: 'Have you had a tan, sunbed or self-tan in the last 4 weeks?' },
];

export const questionnaireDefinition = (version: number) => ({
  intro: 'Please answer every question. Your answers help us decide which treatments are safe for you today.',
  sections: [
    {
      id: 'safety',
      title: 'Your health today',
      questions: screeningQuestions.map((q) => ({ id: q.id, type: 'yes_no', label: q.label, required: true })),
    },
    {
      id: 'history',
      title: 'Medicines and allergies',
      questions: [
        { id: 'allergies', type: 'text', label: 'Any allergies (medicines, latex, foods)?' },
        { id: 'medicines', type: 'text', label: 'Which medicines, supplements or creams do you use?' },
        ...(version >= 2 ? [{ id: 'blood_thinners', type: 'yes_no', label: 'Do you take a blood thinner (for example warfarin, apixaban, aspirin)?' }] : []),
      ],
    },
    {
      id: 'goals',
      title: 'Your skin',
      questions: [
        {
          id: 'concern',
          type: 'choice',
          label: 'What would you most like help with?',
          options: [
            { value: 'pigmentation', label: 'Dark patches or uneven tone' },
            { value: 'acne_scars', label: 'Acne scars' },
            { value: 'texture', label: 'Skin texture and pores' },
            { value: 'redness', label: 'Redness or thread veins' },
          ],
        },
      ],
    },
  ],
  declaration: 'My answers are true to the best of my knowledge. I will tell the clinic if anything changes before a treatment.',
});

export const intakeConcerns = ['pigmentation', 'acne_scars', 'texture', 'redness'] as const;

/** Warn-level flags are common enough to be seen; flags that block treatment only appear where no treatment followed. */
export const warnFlags: readonly PatientFlag[] = ['photosensitising_meds', 'keloid_tendency', 'recent_tan', 'isotretinoin_6m'];
export const blockFlags: readonly PatientFlag[] = ['pregnant', 'breastfeeding', 'g6pd_deficiency', 'anaesthetic_allergy', 'active_infection'];
