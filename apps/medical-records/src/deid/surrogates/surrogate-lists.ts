// Made-up values that surrogates are drawn from, per language. Common given names and surnames
// (no real patient is meant), street and town names, fictitious hospitals.
import type { DeidLanguage } from '../phi-finding.js';

export interface SurrogateLists {
  givenNames: readonly string[];
  surnames: readonly string[];
  streets: readonly string[];
  towns: readonly string[];
  countries: readonly string[];
  hospitals: readonly string[];
  professions: readonly string[];
  emailDomains: readonly string[];
}

const split = (s: string): string[] => s.split('|');

export const SURROGATE_LISTS: Readonly<Record<DeidLanguage, SurrogateLists>> = {
  en: {
    givenNames: split(
      'Alex|Avery|Blake|Cameron|Casey|Dana|Drew|Elliot|Emerson|Finley|Gray|Harper|Hayden|Jamie|Jordan|Kendall|Logan|Morgan|Parker|Peyton|Quinn|Reese|Riley|Rowan|Sage|Skyler|Taylor|Tatum|Avery|Robin|Shawn|Leslie|Marion|Francis|Jesse|Kerry|Lane|Noel|Terry|Wren',
    ),
    surnames: split(
      'Ashford|Bellamy|Brennan|Calloway|Carver|Delaney|Ellison|Fairbanks|Garrison|Hadley|Holloway|Kendrick|Langley|Lockwood|Marlowe|Merritt|Norwood|Oakley|Pemberton|Quinlan|Radcliffe|Redford|Sheridan|Stanton|Thorne|Underwood|Vance|Whitfield|Winslow|Yardley|Ainsworth|Blackwood|Colby|Dunmore|Everly|Fenwick|Galloway|Harlow|Ingram|Kingsley',
    ),
    streets: split(
      'Maple Avenue|Cedar Lane|Birch Road|Willow Street|Juniper Drive|Elm Court|Aspen Way|Hawthorn Place|Linden Boulevard|Sycamore Terrace|Chestnut Street|Magnolia Drive',
    ),
    towns: split(
      'Millbrook|Fairview|Riverton|Oakdale|Brookfield|Glenwood|Lakeside|Ashland|Cedarville|Kingston|Milford|Westbury|Easton|Greenfield|Harrisonburg',
    ),
    countries: split('Canada|Ireland|Australia|New Zealand|Portugal|Norway'),
    hospitals: split(
      'Northfield General Hospital|Riverside Medical Center|St. Aurelia Hospital|Lakeview Community Hospital|Brookhaven Clinic|Hillcrest Regional Medical Center',
    ),
    professions: split(
      'teacher|accountant|carpenter|engineer|librarian|electrician|chef|mechanic|pharmacist|farmer',
    ),
    emailDomains: split('example.org|example.com|example.net'),
  },
  es: {
    givenNames: split(
      'Lucía|Martina|Carmen|Elena|Paula|Sara|Alba|Noelia|Irene|Rocío|Beatriz|Nuria|Pilar|Rosa|Inés|Julia|Marta|Raquel|Sonia|Teresa|Álvaro|Andrés|Bruno|Diego|Emilio|Fernando|Gonzalo|Hugo|Ignacio|Jaime|Julián|Lorenzo|Marcos|Mateo|Nicolás|Óscar|Pablo|Rubén|Samuel|Tomás',
    ),
    surnames: split(
      'Aguirre|Alonso|Arroyo|Benítez|Blanco|Caballero|Calvo|Campos|Castaño|Cortés|Delgado|Domínguez|Escobar|Esteban|Ferrer|Fuentes|Gallardo|Garrido|Iglesias|Lorenzo|Lozano|Marín|Medina|Molina|Montero|Nieto|Ortega|Pascual|Prieto|Quintana|Rojas|Rubio|Salazar|Santana|Serrano|Soler|Valero|Vidal|Villalba|Zamora',
    ),
    streets: split(
      'Calle de los Almendros|Calle Olmo|Avenida del Pinar|Calle Jazmín|Paseo de las Acacias|Calle Romero|Plaza del Roble|Calle Azahar|Avenida de la Alameda|Calle Membrillo|Calle Tomillo|Calle Cerezo',
    ),
    towns: split(
      'Villaverde del Río|Fuentealba|Torrecilla|Valdeolmos|Castronuevo|San Martín del Monte|Peñalba|Robledillo|Almenara|Navalosa|Montejo|Santa Olalla|Villar del Campo|Cañaveral|Las Rozuelas',
    ),
    countries: split('Portugal|Francia|Italia|Argentina|Chile|Uruguay'),
    hospitals: split(
      'Hospital General de Valdeolmos|Hospital Universitario del Pinar|Clínica Santa Olalla|Hospital Comarcal de Fuentealba|Centro de Salud Las Rozuelas|Hospital San Martín del Monte',
    ),
    professions: split(
      'profesor|contable|carpintero|ingeniera|bibliotecaria|electricista|cocinero|mecánico|farmacéutica|agricultor',
    ),
    emailDomains: split('ejemplo.es|ejemplo.com|ejemplo.org'),
  },
};
