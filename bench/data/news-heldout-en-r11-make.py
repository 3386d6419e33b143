import json, gzip
B="https://www.thaigov.go.th/news/contents/details/"
Q=[
(83988,"In June 2024, who was the Interior permanent secretary who announced the walk, run and cycle activities with the royal emblem flag for the King's 6th-cycle birthday?",["สุทธิพงษ์ จุลเจริญ","Suttipong","Sutthipong"]),
(95477,"How much compensation per person who died was paid after the State Audit Office building collapse, according to Anutin in March 2025?",["100,000 บาท","100,000"]),
(73798,"Who led the National Human Rights Commission at the Justice Ministry's October 2023 meeting on defining forest areas?",["ศยามล ไกรยูรวงศ์","Sayamol"]),
(72757,"How many tonnes of carbon credits did the Interior Ministry and the Interior housewives association get certified from wet-waste bins in 22 provinces in September 2023?",["85,303"]),
(81189,"Until what date in 2024 were migrant workers from Cambodia, Laos and Myanmar exempted from the re-entry fee to go home for Songkran?",["15 พ.ค. 67","15 พฤษภาคม","15 May"]),
(41194,"What percentage of people with two doses of Sinovac had immunity equal to people who had been infected, according to Dr. Yong Poovorawan in April 2021?",["ร้อยละ 98-99","98-99"]),
(76454,"How many people had registered for informal debt resolution after 20 days, as reported on 20 December 2023?",["104,047"]),
(86251,"In July 2024, to which temple did the Interior Ministry carry the holy water urns for the King's 6th-cycle birthday ceremony?",["วัดพระเชตุพนวิมลมังคลาราม","Wat Pho","Chetuphon"]),
(43019,"In which province was the Markaz school where COVID-19 infections were found in June 2021?",["ยะลา","Yala"]),
(68820,"How many tree seedlings did the Thai Credit Guarantee Corporation (TCG) and Charn Issara hand out on 2 June 2023?",["300 กล้า","300"]),
(98812,"What percentage of the disbursement plan had the state enterprises monitored by the State Enterprise Policy Office disbursed by the end of June 2025?",["ร้อยละ 103","103"]),
(84158,"How many meth pills did the Mae Tha district special operations team seize in June 2024?",["120 เม็ด","120"]),
(52286,"At which hotel did Interior Minister Anupong give policy to governors and district chiefs of 25 central provinces on 7 March 2022?",["เซ็นทราบายเซ็นทารา","Centra by Centara","Centara"]),
(63967,"At which hotel was the 4th southern mobile meeting of the Interior housewives held in January 2023?",["แกรนด์ฟอร์จูน","Grand Fortune"]),
(84514,"From which governor did the Chaiyaphum governor receive the royal emblem flag in June 2024?",["ไกรสร กองฉลาด","Kraisorn","Kraisorn Kongchalad"]),
(89095,"How much did each community group receive to turn blackchin tilapia into pla ra in the Department of Fisheries project approved in October 2024?",["245,000 บาท","245,000"]),
(82415,"Who was the deputy government spokeswoman who spoke about aviation security policy on 1 May 2024?",["รัดเกล้า อินทวงศ์ สุวรรณคีรี","รัดเกล้า","Radklao","Rudklao"]),
(43018,"Which numbered regulation under the emergency decree did the Interior COVID-19 centre tell all governors to follow strictly in June 2021?",["ฉบับที่ 24","No. 24","24"]),
(96729,"How many northern provinces' governors attended Anutin's meeting on 23 May 2025?",["17 จังหวัด","17"]),
(93633,"How old was the orphaned boy selling roti to support his grandmother in Chonburi, visited by the social development ministry team in February 2025?",["15 ปี","15"]),
(37858,"By what date did the Revenue Department ask related companies to file the Disclosure Form online with the fine, in December 2020?",["30 ธันวาคม 2563","30 December"]),
(65914,"Where was the MoU between the Deposit Protection Agency, the National Savings Fund and the Student Loan Fund signed in March 2023?",["ห้องโถงวายุภักษ์","วายุภักษ์","Wayupak"]),
(75020,"Who was the Nakhon Sawan governor who presided over the flag-saluting ceremony at the old provincial hall in November 2023?",["ทวี เสริมภักดีกุล","Tawee","Thawee"]),
(79795,"Who was the Vietnamese ambassador who paid a farewell call on Anutin in March 2024?",["ฟาน จี๊ ทัญ","Phan Chi Thanh"]),
(43749,"Who was the permanent secretary of the Ministry of Digital Economy and Society at the national digital economy committee meeting in July 2021?",["อัจฉรินทร์ พัฒนพันธ์ชัย","Ajarin","Atcharin"]),
(91797,"For how many years do SME debtors pay lower instalments under EXIM Bank's New Year 2025 package?",["3 ปี","3 years"]),
(81620,"How much money circulated each year in the online gambling websites busted by the digital economy ministry and the cyber police in April 2024?",["5,000 ล้านบาท","5,000 million","5 billion"]),
(73099,"How many measures did the Interior Ministry announce in October 2023 to control blank guns?",["4 มาตรการ","4"]),
(72419,"By which year did the Prime Minister say Thailand aims to reach carbon neutrality, at the Climate Ambition Summit in September 2023?",["ค.ศ. 2050","2050"]),
(35102,"Which deputy permanent secretary of labour led the Labour Ministry housewives association's donation to a childcare centre in Samut Prakan in September 2020?",["เธียรรัตน์ นะวะมะวัฒน์","Thienrat","Tianrat"]),
(74687,"How many nationalities of migrant workers were covered by the Interior Ministry's extended leniency announced in November 2023?",["4 สัญชาติ","4"]),
(49242,"Where was the Internal Security Operations Command (ISOC) committee meeting chaired by PM Prayut on 8 December 2021 held?",["สโมสรทหารบก","Army Club"]),
(90243,"At which museum did Deputy Interior Minister Theerarat visit the Ban Chiang OTOP tourism community in November 2024?",["พิพิธภัณฑ์สถานแห่งชาติบ้านเชียง","Ban Chiang National Museum"]),
(37838,"Who was the Interior Ministry spokesman who denied in December 2020 that border officials let illegal migrant workers in?",["สมคิด จันทมฤก","Somkid"]),
(66550,"What is the royal fabric pattern granted in March 2023 for Princess Sirivannavari's 36th birthday called?",["ผ้าลายดอกรักราชกัญญา","ดอกรักราชกัญญา","Dok Rak"]),
(82824,"How many households received consumer goods from the Ron Phibun district charity caravan in May 2024?",["400 ครัวเรือน","400"]),
(78242,"Where did SME D Bank receive its 2023 outstanding state enterprise award in January 2024?",["ตึกสันติไมตรี","Santi Maitri"]),
(85942,"At which temple was the ceremony celebrating the new ecclesiastical title of Luang Pho Chamnan held in July 2024?",["วัดชินวราราม","Chinwararam"]),
(67398,"Which temple is Somdet Phra Maha Theerachan, who led the April 2023 meeting of public welfare monks with the Interior Ministry, the abbot of?",["วัดพระเชตุพนวิมลมังคลาราม","Wat Pho","Chetuphon"]),
(60681,"In which meeting room did the Interior permanent secretary discuss the BCG model with Apple in October 2022?",["ห้องประชุมดำรงธรรม","ดำรงธรรม","Damrongtham"]),
]
assert len(Q)==40 and len({q[0] for q in Q})==40
rows={r['source']:r for r in map(json.loads,gzip.open('/work/shared/data/thaigov-news.jsonl.gz','rt'))}
with open('bench/data/news-heldout-en-r11.jsonl','w') as f:
    for i,(n,q,e) in enumerate(Q,1):
        src=B+str(n); t=rows[src]['title']+'\n'+rows[src]['text']
        import re; assert e[0] in re.sub(r"\s+"," ",t),(n,e[0])
        f.write(json.dumps({"id":f"en11-{i:02d}","question":q,"expect_any":e,"source":src,"kind":"en"},ensure_ascii=False)+"\n")
print('ok')
