/** The fixed cast of the world: real carriers (SCAC), real ports (UN/LOCODE), and the trading parties. */

export interface CarrierProfile {
  scac: string;
  name: string;
  /** ISO 6346 owner prefix of the carrier's own boxes. */
  containerPrefix: string;
  /** Prefix of the carrier's B/L numbers (most carriers print their SCAC). */
  blPrefix: string;
  vesselNames: readonly string[];
  /** Voyage number style, e.g. COSCO "045E", Maersk "434W". */
  voyageStyle: "NNNE" | "NNNW" | "NNNNE";
}

export const CARRIERS: readonly CarrierProfile[] = [
  {
    scac: "COSU",
    name: "COSCO Shipping Lines",
    containerPrefix: "CSNU",
    blPrefix: "COSU",
    voyageStyle: "NNNE",
    vesselNames: ["COSCO SHIPPING UNIVERSE", "COSCO SHIPPING TAURUS", "COSCO PRIDE", "COSCO HARMONY"],
  },
  {
    scac: "MAEU",
    name: "Maersk A/S",
    containerPrefix: "MSKU",
    blPrefix: "MAEU",
    voyageStyle: "NNNW",
    vesselNames: ["MAERSK ESSEN", "MAERSK HANGZHOU", "MARGRETHE MAERSK", "MAERSK EDMONTON"],
  },
  {
    scac: "MSCU",
    name: "Mediterranean Shipping Company",
    containerPrefix: "MSCU",
    blPrefix: "MEDU",
    voyageStyle: "NNNW",
    vesselNames: ["MSC GULSUN", "MSC IRINA", "MSC LORETO", "MSC OSCAR"],
  },
  {
    scac: "CMDU",
    name: "CMA CGM",
    containerPrefix: "CMAU",
    blPrefix: "CMDU",
    voyageStyle: "NNNNE",
    vesselNames: ["CMA CGM JACQUES SAADE", "CMA CGM MARCO POLO", "CMA CGM TRITON"],
  },
  {
    scac: "EGLV",
    name: "Evergreen Line",
    containerPrefix: "EGHU",
    blPrefix: "EGLV",
    voyageStyle: "NNNE",
    vesselNames: ["EVER ACE", "EVER GIVEN", "EVER ALOT"],
  },
  {
    scac: "ONEY",
    name: "Ocean Network Express",
    containerPrefix: "ONEU",
    blPrefix: "ONEY",
    voyageStyle: "NNNW",
    vesselNames: ["ONE INNOVATION", "ONE STORK", "ONE APUS"],
  },
  {
    scac: "HLCU",
    name: "Hapag-Lloyd",
    containerPrefix: "HLXU",
    blPrefix: "HLCU",
    voyageStyle: "NNNW",
    vesselNames: ["BERLIN EXPRESS", "HAMBURG EXPRESS", "AL ZUBARA"],
  },
  {
    scac: "OOLU",
    name: "OOCL",
    containerPrefix: "OOLU",
    blPrefix: "OOLU",
    voyageStyle: "NNNE",
    vesselNames: ["OOCL HONG KONG", "OOCL GERMANY", "OOCL SPAIN"],
  },
  {
    scac: "YMLU",
    name: "Yang Ming Marine Transport",
    containerPrefix: "YMLU",
    blPrefix: "YMLU",
    voyageStyle: "NNNE",
    vesselNames: ["YM WELLNESS", "YM WARRANTY", "YM TRIUMPH"],
  },
  {
    scac: "ZIMU",
    name: "ZIM Integrated Shipping",
    containerPrefix: "ZIMU",
    blPrefix: "ZIMU",
    voyageStyle: "NNNW",
    vesselNames: ["ZIM SAMMY OFER", "ZIM KINGSTON", "ZIM MOUNT EVEREST"],
  },
];

export interface PortProfile {
  unLocode: string;
  name: string;
  /** UTC offset in hours of the port's local time (no DST for the Asian ports; EU/US ports use standard time). */
  utcOffsetHours: number;
  region: "CN" | "ASIA" | "US" | "EU";
  terminals: readonly string[];
}

export const PORTS: readonly PortProfile[] = [
  {
    unLocode: "CNSHA",
    name: "Shanghai",
    utcOffsetHours: 8,
    region: "CN",
    terminals: ["YSGT", "WGQ4", "WGQ5"],
  },
  { unLocode: "CNSHK", name: "Shekou", utcOffsetHours: 8, region: "CN", terminals: ["SCT", "CCT"] },
  { unLocode: "CNYTN", name: "Yantian", utcOffsetHours: 8, region: "CN", terminals: ["YICT"] },
  { unLocode: "CNNGB", name: "Ningbo", utcOffsetHours: 8, region: "CN", terminals: ["BLCT", "NBCT"] },
  { unLocode: "CNTAO", name: "Qingdao", utcOffsetHours: 8, region: "CN", terminals: ["QQCT"] },
  { unLocode: "CNXMN", name: "Xiamen", utcOffsetHours: 8, region: "CN", terminals: ["XHCT"] },
  { unLocode: "CNTXG", name: "Tianjin Xingang", utcOffsetHours: 8, region: "CN", terminals: ["TCT"] },
  { unLocode: "HKHKG", name: "Hong Kong", utcOffsetHours: 8, region: "ASIA", terminals: ["MTL", "HIT"] },
  { unLocode: "SGSIN", name: "Singapore", utcOffsetHours: 8, region: "ASIA", terminals: ["PPT", "TUAS"] },
  { unLocode: "THLCH", name: "Laem Chabang", utcOffsetHours: 7, region: "ASIA", terminals: ["LCB1"] },
  { unLocode: "MYPKG", name: "Port Klang", utcOffsetHours: 8, region: "ASIA", terminals: ["WPT", "NPT"] },
  { unLocode: "KRPUS", name: "Busan", utcOffsetHours: 9, region: "ASIA", terminals: ["PNIT", "HJNC"] },
  { unLocode: "USLAX", name: "Los Angeles", utcOffsetHours: -8, region: "US", terminals: ["APMT", "TRAPAC"] },
  { unLocode: "USLGB", name: "Long Beach", utcOffsetHours: -8, region: "US", terminals: ["LBCT", "TTI"] },
  { unLocode: "USNYC", name: "New York", utcOffsetHours: -5, region: "US", terminals: ["PNCT", "GCTB"] },
  { unLocode: "NLRTM", name: "Rotterdam", utcOffsetHours: 1, region: "EU", terminals: ["ECTDELTA", "RWG"] },
  { unLocode: "DEHAM", name: "Hamburg", utcOffsetHours: 1, region: "EU", terminals: ["CTA", "CTB"] },
  { unLocode: "BEANR", name: "Antwerp", utcOffsetHours: 1, region: "EU", terminals: ["MPET"] },
  { unLocode: "GBFXT", name: "Felixstowe", utcOffsetHours: 0, region: "EU", terminals: ["TRINITY"] },
  { unLocode: "CNSZX", name: "Shenzhen", utcOffsetHours: 8, region: "CN", terminals: ["MCT"] },
];

/** Typical sea days between regions; a voyage draws around these. */
export const SEA_DAYS: Record<string, readonly [number, number]> = {
  "CN-CN": [1, 3],
  "CN-ASIA": [3, 8],
  "ASIA-ASIA": [2, 6],
  "CN-US": [14, 20],
  "ASIA-US": [16, 24],
  "CN-EU": [30, 38],
  "ASIA-EU": [24, 32],
};

export type PartyRole = "SHIPPER" | "CONSIGNEE" | "BANK" | "FORWARDER" | "CUSTOMS";

export interface PartyProfile {
  id: string;
  name: string;
  role: PartyRole;
  country: string;
  /** Legal Entity Identifier, where the party has one (banks do). */
  lei?: string;
}

export const PARTIES: readonly PartyProfile[] = [
  { id: "shp-saic", name: "SAIC Motor Components Export Co., Ltd.", role: "SHIPPER", country: "CN" },
  { id: "shp-byd", name: "Shenzhen EV Parts Trading Co., Ltd.", role: "SHIPPER", country: "CN" },
  { id: "shp-anker", name: "Hunan Smart Electronics Co., Ltd.", role: "SHIPPER", country: "CN" },
  { id: "shp-haier", name: "Qingdao Home Appliance Export Co., Ltd.", role: "SHIPPER", country: "CN" },
  { id: "shp-ningbo", name: "Ningbo Textile Import & Export Corp.", role: "SHIPPER", country: "CN" },
  { id: "shp-bosch", name: "Bosch Automotive Parts GmbH", role: "SHIPPER", country: "DE" },
  { id: "shp-thai", name: "Siam Rubber Products Co., Ltd.", role: "SHIPPER", country: "TH" },
  { id: "cne-vw", name: "SAIC Volkswagen Automotive Co., Ltd.", role: "CONSIGNEE", country: "CN" },
  { id: "cne-tesla", name: "Giga Shanghai Inbound Logistics Ltd.", role: "CONSIGNEE", country: "CN" },
  { id: "cne-amzn", name: "Pacific E-Commerce Fulfilment LLC", role: "CONSIGNEE", country: "US" },
  { id: "cne-target", name: "West Coast Retail Distribution Inc.", role: "CONSIGNEE", country: "US" },
  { id: "cne-ahold", name: "Benelux Retail Imports B.V.", role: "CONSIGNEE", country: "NL" },
  { id: "cne-otto", name: "Hanse Versandhandel GmbH", role: "CONSIGNEE", country: "DE" },
  { id: "cne-sg", name: "Straits Electronics Distribution Pte. Ltd.", role: "CONSIGNEE", country: "SG" },
  {
    id: "bnk-boc",
    name: "Bank of China Shanghai Branch",
    role: "BANK",
    country: "CN",
    lei: "54930053HGCFWVHYZX42",
  },
  {
    id: "bnk-hsbc",
    name: "HSBC Hong Kong Trade Finance",
    role: "BANK",
    country: "HK",
    lei: "2HI3YI5320L3RW6NJ957",
  },
  { id: "bnk-icbc", name: "ICBC Shenzhen Branch", role: "BANK", country: "CN", lei: "5493002ERZU2K9PZDL40" },
  {
    id: "bnk-dbs",
    name: "DBS Bank Trade Services",
    role: "BANK",
    country: "SG",
    lei: "ATUEL7OJR5057F2PV266",
  },
  { id: "bnk-ing", name: "ING Bank Trade Finance", role: "BANK", country: "NL", lei: "3TK20IVIUJ8J3ZU0QE75" },
  { id: "fwd-kn", name: "Kuehne+Nagel Forwarding", role: "FORWARDER", country: "CH" },
  { id: "fwd-sino", name: "Sinotrans Forwarding", role: "FORWARDER", country: "CN" },
  { id: "cus-cn", name: "China Customs", role: "CUSTOMS", country: "CN" },
  { id: "cus-us", name: "U.S. Customs and Border Protection", role: "CUSTOMS", country: "US" },
  { id: "cus-eu", name: "EU Customs (Union Customs Code)", role: "CUSTOMS", country: "EU" },
];

export const ISO_SIZE_TYPES = ["22G1", "42G1", "45G1", "45R1", "22R1", "L5G1"] as const;

export const COMMODITIES = [
  "Automotive components, CKD kits",
  "Lithium-ion battery modules",
  "Consumer electronics",
  "Household appliances",
  "Cotton textiles",
  "Natural rubber",
  "Machine parts",
  "Furniture",
] as const;
