/** The parts of `dns-packet` 5.x this server uses (the package ships no types). */
declare module "dns-packet" {
  export interface Question {
    type: string;
    name: string;
    class?: string;
  }
  export interface Answer {
    type: string;
    name: string;
    ttl?: number;
    class?: string;
    data: unknown;
  }
  export interface Packet {
    type?: "query" | "response";
    id?: number;
    flags?: number;
    flag_rd?: boolean;
    rcode?: string;
    questions?: Question[];
    answers?: Answer[];
    authorities?: Answer[];
    additionals?: Answer[];
  }
  export const AUTHORITATIVE_ANSWER: number;
  export const RECURSION_DESIRED: number;
  export function encode(packet: Packet): Buffer;
  export function decode(buffer: Buffer): Packet;
}
