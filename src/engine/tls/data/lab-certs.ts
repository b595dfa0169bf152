/**
 * The lab's certificates and keys, generated offline on the development machine with the corpus's own
 * command (corpus base/notes.txt):
 *
 *   openssl req -x509 -newkey rsa:2048 -nodes -keyout mail.example.org.key -out mail.example.org.crt \
 *     -days 3650 -subj "/CN=mail.example.org" -addext "subjectAltName=DNS:mail.example.org"
 *   (mx.example.net: the same without -addext, corpus setup.sh)
 *
 * then re-signed with `openssl ca -selfsign -startdate 20261201070258Z -enddate 20361128070258Z` and the same
 * extensions (subjectKeyIdentifier, authorityKeyIdentifier, critical basicConstraints CA:TRUE, SAN), so that
 * their validity is the corpus certificate's: `v:NotBefore: Dec  1 07:02:58 2026 GMT; NotAfter: Nov 28 07:02:58 2036 GMT`
 * (terminal/term-sclient-587-interactive). Both are self-signed RSA 2048 with sha256WithRSAEncryption;
 * mail.example.org is 824 bytes DER like the corpus one (`server cert 824 bytes DER`, submissions-465-wrappermode).
 * These are throw-away lab keys: they protect nothing.
 */

/** /etc/postfix/tls/mail.example.org.crt */
export const MAIL_EXAMPLE_ORG_CERT = `-----BEGIN CERTIFICATE-----
MIIDNDCCAhygAwIBAgIUfwLyMRqloQNpdyHJ2jAkM7szo5YwDQYJKoZIhvcNAQEL
BQAwGzEZMBcGA1UEAwwQbWFpbC5leGFtcGxlLm9yZzAeFw0yNjEyMDEwNzAyNTha
Fw0zNjExMjgwNzAyNThaMBsxGTAXBgNVBAMMEG1haWwuZXhhbXBsZS5vcmcwggEi
MA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC4WSOpe2DctQIBnJPVo0obHwz8
GiRtm0p5t8Q9/HirRqOWVkM5V3k3WdnXmm9tgaorwNyDeuM6wWD9oGzzB+xjid6j
Z4E/llTVcZGM7LtExDcjs9r0i3uNHP0o3bFGSBji65iRF/tFZ5HoyuAII+v5nxkm
/QXCTbxe8P26wUt0TJlaANjTZaF7tAnHYlLzLXNm2D0dftj1zImHQebrH9COAilP
tYAV3s7C6/NpX2iVrWvD2sMCdGzLp6DVURiQlYWDuhkcoiZmZ5IlhVSR3Z4wWJib
oW41RVMDn1jvDRTNHmfJhoaCxYrVvPRDwJGzxeVt8IRHR2rbHvSGHR/isR0jAgMB
AAGjcDBuMB0GA1UdDgQWBBR7YRtiYa55gL76j1GaVjTKcYAfmzAfBgNVHSMEGDAW
gBR7YRtiYa55gL76j1GaVjTKcYAfmzAPBgNVHRMBAf8EBTADAQH/MBsGA1UdEQQU
MBKCEG1haWwuZXhhbXBsZS5vcmcwDQYJKoZIhvcNAQELBQADggEBAAoV3QtW6Bmx
mqxgqQY1mr4LXUCP0kuqSN+ShOGtHUBYVkSbJxFxLllfiBzSrI7v1km9FF3a4llt
F04OnHNsKbKyGke3wEzwipjNaEieasCfgOtCgmloUv5d3sochHsYoJ9XzyrsnPyc
CLrjT4DY0IvChRBHmEAIJvRpzUWbH4Hcy1VuOCVcPlSCMLIrpw+hh0I2w60V0Nfo
chKPDgRIZ9ugdyH3ziZCSMRHvFOXPwltWVG5WuNR3XT7ZaF2AE/vOXKPPbijDw+x
UUC74SYcWFMn+61hdXrZVRhKfe21AUgj7lpAqMIPBsqHnrpl60mWWiVf37B/+cjw
wttkqhCo2Ew=
-----END CERTIFICATE-----
`;

/** /etc/postfix/tls/mail.example.org.key (PKCS#8, as `openssl req -newkey rsa:2048 -nodes` writes it). */
export const MAIL_EXAMPLE_ORG_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC4WSOpe2DctQIB
nJPVo0obHwz8GiRtm0p5t8Q9/HirRqOWVkM5V3k3WdnXmm9tgaorwNyDeuM6wWD9
oGzzB+xjid6jZ4E/llTVcZGM7LtExDcjs9r0i3uNHP0o3bFGSBji65iRF/tFZ5Ho
yuAII+v5nxkm/QXCTbxe8P26wUt0TJlaANjTZaF7tAnHYlLzLXNm2D0dftj1zImH
QebrH9COAilPtYAV3s7C6/NpX2iVrWvD2sMCdGzLp6DVURiQlYWDuhkcoiZmZ5Il
hVSR3Z4wWJiboW41RVMDn1jvDRTNHmfJhoaCxYrVvPRDwJGzxeVt8IRHR2rbHvSG
HR/isR0jAgMBAAECggEAD7gO5QFPnBViUc+pGpr6BnmaVApingBgB4rwFJ0Cwqmb
HB/7Swtpzmdx8ZyjvbTdu5QnxjcXSXsUKx9sl57oVpoUV6vLhvS2aeptXJSrzzKv
+CWUGPmmLYn4QdQArRtLfyXs2qP7czD5092T4GQ3vdw44WzK+rhBxKxMTL1b34Z3
cGDREpH7X/xmHDh8eFw3Q0dW2Y3bCfwtL3Ic99L/7mAZV1nezdRko+S1oSHWUIkJ
4/5QTyV6I2MCiLsTb0Gzz3pJ1VQbosTJVU+xtmslkdVNCkwHdBzHA7QVAbAnU7UF
OiwGDNfHoYFgf3jg0pWAtxewfkx3woCDo2N3rR8rAQKBgQDmE/ATNp4QADrlsnWJ
hjKYXjEUBBoQbvaLrk81sCsUSoiaes76EBiq7MK/DcVFZf/MyYFhQSIi8P3d8ZI5
Fq6/YHgi9uqt8oMF1tPH5xk8Gf0s+eV4OGaOL2mA5Qc6sJwbL4exCZonv+8K6kyB
MzzjRAkzdV7f1ey7GF5Pb6htgQKBgQDNHjwrt1aS52eZo/uuKoguUEOsAP/KAlT9
XF/uoPpoqPQdZtpsIC3xsCZCAe3QNwdFhrjymzBr18Uv8L8KGgW2JpHgwxa0JAQZ
D6zIuEmqahPlsLFfJ1zmB2dxXDM7Q5/qEm4EBfHavTcMFLhMxvDPq9T99Tibx36q
wDMywC1kowKBgFSackZuaBMUMpQyWlw2t7YltMBafccbNpfIgiII5N5yRecgT6nO
b3Oy2i3s/2R0jGqekm/Txpy4p3GMmitZ9uoyrBqXV1adfaaRB5FTnojmOZ3nSoU5
oCSatJ4MGetv9AdfI/Nqx3/kaR9HZth/od0kMIn2l+uRO5rU7CEjuviBAoGAM3Kf
+P8VUeeEzr6YxAia+7LaJmxhvBN1qc7fqQTrihDGmhFQO8qee36JOgkt0wnaYw/1
l7RhIsuOBAZIhIoeYJ+v+0YzjZ9y/6400muW3o2YzAXTl2BSJsg4o/BSUU0W8SkK
Oywai5jmE7umtms3v38D/2bgegJBvSZUMSiOui0CgYEAoywyg6b5PfzjRJ5qEQoh
LWB5Om0AcmBc1/0LVHcWy4Jwe6SwkZTreR92gi7DuRJzHLuLM+YffSxxClIaWmV8
fFf/ZsVFl1afUV9MMKbDaFuJ2fLAgV+G9nKuwHZlma6ULCw2xmAW//AF/SNMbSia
zX7BFAnrRI4BeAPp+ZQkO/4=
-----END PRIVATE KEY-----
`;

/** The remote MX's certificate (corpus: 127.0.0.2:2526, CN=mx.example.net, self-signed, no SAN). */
export const MX_EXAMPLE_NET_CERT = `-----BEGIN CERTIFICATE-----
MIIDEzCCAfugAwIBAgIUcoabqhN/jmlQh3C40RYw1mIY//YwDQYJKoZIhvcNAQEL
BQAwGTEXMBUGA1UEAwwObXguZXhhbXBsZS5uZXQwHhcNMjYxMjAxMDcwMjU4WhcN
MzYxMTI4MDcwMjU4WjAZMRcwFQYDVQQDDA5teC5leGFtcGxlLm5ldDCCASIwDQYJ
KoZIhvcNAQEBBQADggEPADCCAQoCggEBAJkYHK8xzLb9lINejAktey/YlAiIozE2
gafPtuGGqRdtOqQruATkeBUTMC4On6UmMdHpbn2Fz2cUBcHFBt7ICvs9kmMsLyTC
g4hT7JVLc7dwfPYk4PP3MeYQzJHuuQCwASNiUrw7mV7fFHGLEKyhZG2+wl7NuB1c
URxg/GYMVzkoS0J2Uc0VYbP+D+xA/gbJ6YRqviCC3wvjf39cowJE/k0X3rbs3Y7M
pI6FDbU3LgjPKxxgDOvaNRl1So1oXQ4qF4PoM+m5Q6Hf1Z4xNnyHiUWAdaoNou/g
MEjIo1/IdC6r8LpC/RWM3wHM/jpMMspgJODFEznU7h63U59WiVcenMkCAwEAAaNT
MFEwHQYDVR0OBBYEFChvrMCP7vZ+RDNYi4tbRSdLGUh2MB8GA1UdIwQYMBaAFChv
rMCP7vZ+RDNYi4tbRSdLGUh2MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQEL
BQADggEBAFY8d3mbw3cHivziEB3WSPT+EVyhg1v+p+gSfxWB6YHTVk4/O3++j/Yt
gjWTEFC7EXqI6FqjNoapy96jmfjr7CPtVYBI3nsl3V4sVt63shybVuORKBKwkc4c
etnB3ktCRRkSnu+b0rFSHa2dMKcyn1Hkkwnc1jMv+Z1SGpFooz5ao9rf1cGJAYZ2
DKOibwPVuRZYPM5Xj8vNw0pOUaYeth71rPPbsa/YETZFcbrixA7ZZmSaV7J3po/f
k24lM0SLK1oo5eAX+sICVbBanOpMNr1gn1yi4G9RbZX/vLMQru++eD+rzKd4VPDq
iZxnr/SJcgnTlJ3pvwrIphlQyVTRvq8=
-----END CERTIFICATE-----
`;

/** The remote MX's key. */
export const MX_EXAMPLE_NET_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCZGByvMcy2/ZSD
XowJLXsv2JQIiKMxNoGnz7bhhqkXbTqkK7gE5HgVEzAuDp+lJjHR6W59hc9nFAXB
xQbeyAr7PZJjLC8kwoOIU+yVS3O3cHz2JODz9zHmEMyR7rkAsAEjYlK8O5le3xRx
ixCsoWRtvsJezbgdXFEcYPxmDFc5KEtCdlHNFWGz/g/sQP4GyemEar4ggt8L439/
XKMCRP5NF9627N2OzKSOhQ21Ny4IzyscYAzr2jUZdUqNaF0OKheD6DPpuUOh39We
MTZ8h4lFgHWqDaLv4DBIyKNfyHQuq/C6Qv0VjN8BzP46TDLKYCTgxRM51O4et1Of
VolXHpzJAgMBAAECggEADMJIjrXL6cLFvDKWoWOt2PGX+cOYdS8lnFyYcWCBimMn
MFw35ol7dAcwvF/p4G/H1maZ16J9o+m0Zp8i6NF7b8+kefkqVyoSX/vdk14xz0uT
0IhHirGS8il7gRyIBNWGTMKCom8lo7VcDO/x9G8xcV+E77V9pw3E8URoeKFF6iyP
UztIjXfuZaT4y5wvixHweAsD5hMyKgTtsr6eoBu4uUvR2rjQliUkbruHLppvbqRV
66M6DyycuQd52TdcioB37mppbdYVVe/RWEI25XbrcRfmHPSV+8VmPK2qI/re7q8q
yDtMQC1bwgmgSjLUTfyJMWsoXvvLTK5Htz1eXPuXoQKBgQDTEjCqGenx2/dl/zH9
dJ+odBo4sqqk0/BZxjLNx7r0IJfaru5osps6QVZArzWDaXIkuTbvOrd18UiC9kWz
lmrFOV4tcSCxFHTibYJKMDefIhIPFvKWIAXQgd3W5l+GeoEQEubbTP29BHhViI+L
Si2QeUj2sKP9RC092PJVX4Vx4QKBgQC5rpylFLanbDT5eQ4swHlJls9L6Lj4pIhH
U7uYFltLYCGunqmZ0Dx5Fs8neiJPXkD22eBVrWbIqjyXqAu2do6807lsoYZic2XE
8XDRg9g2TVc/r1dyAv/7OYmRnatfEaDPkAJDxv7c7lTuQhMPRMYAgck8GjHG72eZ
ZE+uQMbX6QKBgEzCvsP97KCy2IRVjL6aXT4MC0U3ZOvQ0AY2GF/SFWGXQOKc38Nf
wSgsfsvDbHjALmzAlwPlnLbd6vsFyU+IkofrVx67l6IOyHtYTBvi8TeEUoD+XXbP
ao3rzNvMqEzl3G4WEbMLivPk3kZtBZcogO2bzjc5AkqnMrTdYzQ9KvDBAoGBAJsI
NpQC0mrBhw2QzIwC/IG74ELyAZbg0UQ0nlniuMEbd6Pzp4ncetFjgPzmFcWM3dL9
oTgH+tyqfsLlNTpYjN8OLDCOQMTsstkX+emFGr5kHuf2f52a8Z4RsVIagh5zeoAz
LiDnAp72g4UXOBC0jFmaA6oh+NOvyiEhxwGn5h4ZAoGADfaY1sXZImPk8Cmx8e1E
S7ay5q8VgU25uuu0DPiiH7LQcbOIKl/UuVr5E98nGQP/+zW2X6kbft8uoavtpONI
I1J3gXUGc4nXFaBXsNrSUzfQBki/RH5wR+JBR1dTKWVd8vMXqWMuPQqmeH/coovY
htldNz3y8699F9tlIy9jzmU=
-----END PRIVATE KEY-----
`;
