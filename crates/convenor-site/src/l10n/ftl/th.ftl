# คำที่ใช้ในวรรณกรรมการฟื้นฟูและ TSML UI: “การประชุม”, “ออนไลน์”

## ประกาศ

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
shift = { $time } ตั้งแต่ { $date }
shift-day = { $time } ({ $day }) ตั้งแต่ { $date }
starts = เริ่ม { $date }
ends = สิ้นสุด { $date }
join = เข้าร่วม
phone = โทรศัพท์
join-online = เข้าร่วมออนไลน์

## กำหนดการของการประชุม

rule-weekly = ทุก{ $day } เวลา { $when }
rule-every = ทุก { $weeks } สัปดาห์ ใน{ $day } เวลา { $when }
rule-monthly-weekday = ทุก{ $day }{ $nth ->
    [first] แรก
    [second] ที่สอง
    [third] ที่สาม
    [fourth] ที่สี่
    [fifth] ที่ห้า
   *[last] สุดท้าย
}ของเดือน เวลา { $when }
rule-pattern = ตามรอบ{ $frequency ->
    [daily] รายวัน
    [weekly] รายสัปดาห์
    [yearly] รายปี
   *[monthly] รายเดือน
} เวลา { $when } (ดูวันที่ในปฏิทิน)

## สิ่งที่การเปลี่ยนแปลงทำ

change-reschedule = ตั้งแต่ { $date } { $after } แทน { $before }
change-cancel = ไม่มีการประชุมใน{ $date }
change-move = การประชุมของ{ $date } ย้ายไปเป็น{ $to }
change-extra = การประชุมเพิ่มเติมใน{ $at }
change-end = ไม่มีการประชุมอีกตั้งแต่{ $date }
minutes-long = { $minutes ->
   *[other] , ความยาว { $minutes } นาที
}
no-changes = ไม่มีการเปลี่ยนแปลง
announced = ประกาศเมื่อ { $date }
date-at-time = { $date } เวลา { $time } { $zone }

## หน้าการประชุม

language-name = ไทย
page-language = ภาษา
page-times-shown = เวลาที่แสดงเป็น
page-nojs = เปิด JavaScript เพื่อดูเวลาในเขตเวลาของคุณเอง
page-zone-field = แสดงเวลาในเขตเวลา
page-show = แสดง
page-my-zone = เขตเวลาของฉัน
page-next = การประชุมครั้งถัดไป
page-next-weeks = { $weeks } สัปดาห์ถัดไปตั้งแต่ { $date } เวลาของการประชุมแต่ละครั้งอยู่ในวงเล็บ
page-in-progress = กำลังประชุม
page-first = การประชุมครั้งแรก
page-add = เพิ่มลงในปฏิทินของฉัน
page-no-sessions = ไม่มีการประชุมในสัปดาห์เหล่านี้
page-more = และมีการประชุมอีก { $more } ครั้งในสัปดาห์เหล่านี้: สมัครรับด้านล่างเพื่อดูทั้งหมด
page-every-week = ทุกสัปดาห์
page-groups = กลุ่ม
page-subscribe-heading = เพิ่มลงในปฏิทินของคุณ
page-subscribe-text = การสมัครรับจะอัปเดตเองเมื่อกำหนดการเปลี่ยน
page-subscribe = สมัครรับ { $name }
page-all-meetings = การประชุมทั้งหมด
page-address = ที่อยู่สำหรับคัดลอก
page-published = เผยแพร่ { $stamp } โดย convenor
page-not-understood = ไม่เข้าใจเขตเวลา “{ $text }” ลองใช้ชื่อเมืองหรือชื่ออย่าง Europe/London
page-showing = กำลังแสดง { $zone }
page-cancelled = ไม่มีการประชุมใน{ $date }
page-moved = ย้ายมาจาก{ $date }
page-extra = การประชุมเพิ่มเติม
page-filters = กรองการประชุม
page-filter-day = วัน
page-filter-mode = ออนไลน์หรือพบกันตัวต่อตัว
page-filter-online = ออนไลน์
page-filter-in-person = พบกันตัวต่อตัว
page-filter-tags = แท็ก (การประชุมที่มีแท็กที่เลือกไว้ทั้งหมด)
page-filter-group = กลุ่ม
page-filter-all-groups = ทุกกลุ่ม
page-filter-reset = แสดงทั้งหมด
page-filter-count = แสดงการประชุม { $shown } จาก { $total } รายการ
page-filter-none = ไม่มีการประชุมที่ตรงกับตัวกรองเหล่านี้
page-group-page = การประชุมทั้งหมดของ { $group } ในหน้าของกลุ่ม
page-more-site = และมีการประชุมอีก { $more } ครั้งในสัปดาห์เหล่านี้: หน้าของแต่ละกลุ่มแสดงการประชุมทั้งหมดของกลุ่ม หรือสมัครรับด้านล่างเพื่อดูทั้งหมด

## กฎตามรูปแบบการเกิดซ้ำ และประโยคของฟีด (บันทึก Meeting Guide
## คำอธิบายในปฏิทิน การแจ้งเตือน)

list-comma = { $first } { $rest }
list-and = { $first } และ{ $last }
rule-daily = { $days ->
    [1] ทุกวัน
   *[other] ทุก { $days } วัน
} เวลา { $when }
rule-weekly-days = { $weeks ->
    [1] ทุก{ $days }
   *[other] ทุก { $weeks } สัปดาห์ ใน{ $days }
} เวลา { $when }
nth-weekday = { $nth ->
    [first] แรก
    [second] ที่สอง
    [third] ที่สาม
    [fourth] ที่สี่
    [fifth] ที่ห้า
    [second-last] ที่สองจากท้าย
    [third-last] ที่สามจากท้าย
    [fourth-last] ที่สี่จากท้าย
    [fifth-last] ที่ห้าจากท้าย
   *[last] สุดท้าย
}
rule-monthly-nth = ทุก{ $day }{ $which }ของ{ $months ->
    [1] เดือน
   *[other] ทุก { $months } เดือน
} เวลา { $when }
day-of-month = วันที่ { $day }
last-day-of-month = { $nth ->
    [second-last] วันที่สองจากท้าย
    [third-last] วันที่สามจากท้าย
    [fourth-last] วันที่สี่จากท้าย
    [fifth-last] วันที่ห้าจากท้าย
    [nth-last] วันที่ { $n } นับจากท้าย
   *[last] วันสุดท้าย
}
rule-monthly-day = ทุก{ $nth } ของ{ $months ->
    [1] เดือน
   *[other] ทุก { $months } เดือน
} เวลา { $when }
rule-yearly = ทุกปีในวันที่ { $date } เวลา { $when }
notes-starts = เริ่ม{ $date }
notes-every-weeks = ทุก { $weeks } สัปดาห์ ไม่ใช่ทุกสัปดาห์ ครั้งถัดไป: { $dates }
notes-no-meetings-after = ไม่มีการประชุมหลัง{ $date }
notes-ends-next-day = สิ้นสุดเวลา { $time } { $zone } ของวันถัดไป
notes-cancel = { $date }: ไม่มีการประชุม
notes-back-on = { $text } ประชุมครั้งถัดไป{ $date }
notes-move = { $date }: ย้ายไปเป็น{ $to }
notes-extra = { $date }: การประชุมเพิ่มเติมเวลา { $when }
notes-reschedule = ตั้งแต่{ $date }: { $after } แทน { $before }
notes-end = ตั้งแต่{ $date }: ไม่มีการประชุมอีก
notes-with-note = { $text } ({ $note })
ical-convenors = ผู้ดำเนินการประชุม: { $names }
ical-join = เข้าร่วม: { $url }
ical-phone = โทรศัพท์: { $phone }
ical-tags = แท็ก: { $tags }
reminder = { $name } จะเริ่มในอีก { $before }
reminder-link = { $name } จะเริ่มในอีก { $before }: { $url }
reminder-hours = { $hours } ชั่วโมง
reminder-minutes = { $minutes } นาที
reminder-hours-minutes = { $hours } { $minutes }
atom-changes = { $name }: การเปลี่ยนแปลง
