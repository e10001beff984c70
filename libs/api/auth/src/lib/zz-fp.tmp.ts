import { randomInt } from 'node:crypto';
import { passwordProblems } from './password-policy';
const alpha = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*-_';
const words = ['apple','river','stone','cloud','lemon','tiger','piano','coral','maple','ocean','quartz','violet','amber','cedar','falcon','harbor'];
let bad = 0; const samples: string[] = [];
for (let i = 0; i < 100000; i++) {
  const pw = Array.from({ length: 12 }, () => alpha[randomInt(alpha.length)]).join('');
  const p = passwordProblems(pw); if (p.length) { bad++; if (samples.length < 10) samples.push(pw + ' ' + p.join('|')); }
}
console.log('random12 refused', bad, samples);
bad = 0; samples.length = 0;
for (let i = 0; i < 5000; i++) {
  const pw = Array.from({ length: 3 }, () => words[randomInt(words.length)]).join('-');
  const p = passwordProblems(pw); if (p.length) { bad++; if (samples.length < 10) samples.push(pw + ' ' + p.join('|')); }
}
console.log('3words refused', bad, samples);
for (const pw of ['Password123!','hunter2hunter2','ilovefoyer2025','monkey123456','Abcdefgh1234','Iloveyou2!!!','qazwsxedcrfv','1q2w3e4r5t6y','zaq1zaq1zaq1']) console.log(pw, passwordProblems(pw));
