/**
 * Carrier reference data for the crosswalk: each row ties a carrier's SCAC to its identities on the
 * networks (Fabric MSP ID, BIC container owner prefix, B/L prefix). Validated row by row in the tests.
 */
export interface CarrierRow {
  scac: string;
  name: string;
  fabricMspId: string;
  containerPrefix: string;
  blPrefix: string;
}

export const CARRIER_CROSSWALK: readonly CarrierRow[] = [
  {
    scac: "COSU",
    name: "COSCO Shipping Lines",
    fabricMspId: "COSUMSP",
    containerPrefix: "CSNU",
    blPrefix: "COSU",
  },
  { scac: "MAEU", name: "Maersk A/S", fabricMspId: "MAEUMSP", containerPrefix: "MSKU", blPrefix: "MAEU" },
  {
    scac: "MSCU",
    name: "Mediterranean Shipping Company",
    fabricMspId: "MSCUMSP",
    containerPrefix: "MSCU",
    blPrefix: "MEDU",
  },
  { scac: "CMDU", name: "CMA CGM", fabricMspId: "CMDUMSP", containerPrefix: "CMAU", blPrefix: "CMDU" },
  { scac: "EGLV", name: "Evergreen Line", fabricMspId: "EGLVMSP", containerPrefix: "EGHU", blPrefix: "EGLV" },
  {
    scac: "ONEY",
    name: "Ocean Network Express",
    fabricMspId: "ONEYMSP",
    containerPrefix: "ONEU",
    blPrefix: "ONEY",
  },
  { scac: "HLCU", name: "Hapag-Lloyd", fabricMspId: "HLCUMSP", containerPrefix: "HLXU", blPrefix: "HLCU" },
  { scac: "OOLU", name: "OOCL", fabricMspId: "OOLUMSP", containerPrefix: "OOLU", blPrefix: "OOLU" },
  {
    scac: "YMLU",
    name: "Yang Ming Marine Transport",
    fabricMspId: "YMLUMSP",
    containerPrefix: "YMLU",
    blPrefix: "YMLU",
  },
  {
    scac: "ZIMU",
    name: "ZIM Integrated Shipping",
    fabricMspId: "ZIMUMSP",
    containerPrefix: "ZIMU",
    blPrefix: "ZIMU",
  },
];
