/** X.509 certificates and distinguished names. */
export const CertCode = {
  Invalid: 'CERT_INVALID',
  SubjectInvalid: 'CERT_SUBJECT_INVALID',
} as const;
