import { chromium } from '@playwright/test';
import yaml from 'js-yaml'; import fs from 'fs';
const BASE='http://127.0.0.1:4960'; const OUT='/work/shots5/shots';
const D={width:1280,height:800}, P={width:390,height:844};
const b=await chromium.launch({ executablePath:'/usr/bin/chromium', args:['--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const shot=(p,n,full=true)=>p.screenshot({path:`${OUT}/${n}.png`,fullPage:full});
const mail=async()=> (await fetch('http://127.0.0.1:4963/messages')).json();
async function person(name,email,ip){
  const ctx=await b.newContext({viewport:D, extraHTTPHeaders:{'x-forwarded-for':ip}}); const page=await ctx.newPage();
  await page.goto(BASE+'/signup'); await page.fill('[name=displayName]',name); await page.fill('[name=email]',email); await page.fill('[name=password]','correct horse battery');
  await page.click('main button[type=submit]'); await page.waitForLoadState();
  await new Promise(r=>setTimeout(r,1500));
  const m=(await mail()).filter(x=>x.to==email && /verify-email/.test(x.text)).pop(); const link=m.text.match(/http\S+verify-email\S+/)[0];
  await page.goto(BASE+'/login'); await page.fill('[name=email]',email); await page.fill('[name=password]','correct horse battery'); await page.click('main button[type=submit]'); await page.waitForLoadState();
  await page.goto(link); await page.waitForLoadState(); await page.click('main form button[type=submit]'); await page.waitForLoadState();
  return {ctx,page};
}
const mode=process.argv[2];
if(mode==='maya'){
  const {ctx,page}=await person('Maya Lindqvist','maya@example.com','10.0.1.1');
  await page.goto(BASE+'/pricing'); await page.click('text=Start my free 7-day trial >> nth=0'); await page.waitForLoadState();
  const items=Object.fromEntries(yaml.load(fs.readFileSync('/work/main/content/assessment/items.yaml','utf8')).items.map(i=>[i.id,i]));
  for (const round of [0,1]){
    await page.goto(BASE+'/assessment'); await page.click('main a:has-text("Start"), main button:has-text("Start")'); await page.waitForLoadState();
    for (let s=1;s<=6;s++){
      if(!page.url().includes('/assessment/'+s)) await page.goto(BASE+'/assessment/'+s);
      const names=await page.$$eval('main input[type=radio]',as=>[...new Set(as.map(a=>a.name))]);
      for (const n of names){ const it=items[n.replace('item-','')]; let v='3';
        if(round===0){ v = it.scale==='dependability' ? (it.reverse?'2':'4') : it.scale==='truth' ? (it.reverse?'4':'2') : it.scale==='self-orientation' ? (it.reverse?'4':'2') : '3'; }
        else if(it.scale==='self-orientation'||it.scale==='dependability') v = it.reverse? '1':'5';
        await page.check(`input[name="${n}"][value="${v}"]`); }
      await page.click('main button[value=next]'); await page.waitForLoadState();
    }
    await page.click('main button:has-text("Submit")'); await page.waitForLoadState();
  }
  await shot(page,'result-desktop'); await page.setViewportSize(P); await shot(page,'result-phone'); await page.setViewportSize(D);
  await page.goto(BASE+'/dashboard'); await shot(page,'dashboard-desktop'); await page.setViewportSize(P); await shot(page,'dashboard-phone'); await page.setViewportSize(D);
  await page.goto(BASE+'/ledger/customers/new').catch(()=>{}); 
  await page.goto(BASE+'/ledger'); await shot(page,'ledger-desktop');
  await page.goto(BASE+'/lessons/small-certain-promises/quiz'); await page.setViewportSize(P); await shot(page,'quiz-phone'); await page.setViewportSize(D); await shot(page,'quiz-desktop',false);
  await page.goto(BASE+'/lessons/the-trust-account'); await page.setViewportSize(P); await shot(page,'lesson-phone',false); await page.setViewportSize(D);
  await ctx.storageState({path:'/work/shots5/maya.json'});
}
if(mode==='free'){
  const {ctx,page}=await person('Tomás Ruiz','tomas@example.com','10.0.1.2');
  await page.goto(BASE+'/'); await shot(page,'home-member-desktop',false);
  const c2=await b.newContext({viewport:D}); const p2=await c2.newPage(); await p2.goto(BASE+'/'); await shot(p2,'home-visitor-desktop'); await p2.setViewportSize(P); await shot(p2,'home-visitor-phone');
  await page.goto(BASE+'/certificates'); await shot(page,'certs-none',false);
  await page.goto(BASE+'/ledger/settings',{}); await shot(page,'ledger-settings');
}
await b.close();
