import { parseAbi } from "viem";

/**
 * The slices of the TradeTrust token-registry (v5) and OpenAttestation document-store ABIs the adapter
 * reads: the EVM side of the wire contract. Written out so the product depends on the public interface,
 * not on a contracts package; `test/unit/wireContracts.test.ts` checks every item against the ABIs of the
 * contracts the local chain deploys (the packages' own artifacts).
 */
export const tradeTrustTokenAbi = parseAbi([
  "function ownerOf(uint256 tokenId) view returns (address)",
  "function titleEscrowFactory() view returns (address)",
  "event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)",
]);

export const titleEscrowFactoryAbi = parseAbi([
  "function getEscrowAddress(address tokenRegistry, uint256 tokenId) view returns (address)",
  "event TitleEscrowCreated(address indexed titleEscrow, address indexed tokenRegistry, uint256 indexed tokenId)",
]);

export const titleEscrowAbi = parseAbi([
  "function beneficiary() view returns (address)",
  "function holder() view returns (address)",
  "function nominee() view returns (address)",
  "function active() view returns (bool)",
  "event BeneficiaryTransfer(address indexed fromBeneficiary, address indexed toBeneficiary, address registry, uint256 tokenId, bytes remark)",
  "event HolderTransfer(address indexed fromHolder, address indexed toHolder, address registry, uint256 tokenId, bytes remark)",
  "event Nomination(address indexed prevNominee, address indexed nominee, address registry, uint256 tokenId, bytes remark)",
  "event RejectTransferBeneficiary(address indexed fromBeneficiary, address indexed toBeneficiary, address registry, uint256 tokenId, bytes remark)",
  "event RejectTransferHolder(address indexed fromHolder, address indexed toHolder, address registry, uint256 tokenId, bytes remark)",
  "event RejectTransferOwners(address indexed fromBeneficiary, address indexed toBeneficiary, address indexed fromHolder, address toHolder, address registry, uint256 tokenId, bytes remark)",
  "event ReturnToIssuer(address indexed caller, address registry, uint256 tokenId, bytes remark)",
  "event Shred(address registry, uint256 tokenId, bytes remark)",
  "event TokenReceived(address indexed beneficiary, address indexed holder, bool indexed isMinting, address registry, uint256 tokenId, bytes remark)",
]);

export const documentStoreAbi = parseAbi([
  "function isIssued(bytes32 document) view returns (bool)",
  "function isRevoked(bytes32 document) view returns (bool)",
]);

/** Where ERC-721 tokens go when a TradeTrust registry burns (shreds) them. */
export const BURN_ADDRESS = "0x000000000000000000000000000000000000dEaD";

/** Multicall3's address on every public EVM chain; the local chain deploys it there too. */
export const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11" as const;
