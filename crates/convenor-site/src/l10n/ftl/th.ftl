# คำที่ใช้ในวรรณกรรมการฟื้นฟูและ TSML UI: “การประชุม”, “ออนไลน์”

## ประกาศ

line-weekly = { $day }: { $when }
time-in-zone = { $time } { $zone }
elsewhere-day = { $time } ({ $day }) { $zone }
starts = เริ่ม { $date }
ends = สิ้นสุด { $date }
join = เข้าร่วม
phone = โทรศัพท์
join-online = เข้าร่วมออนไลน์

## กำหนดการของการประชุม

rule-weekly = ทุก{ $day } เวลา { $when }
rule-every = ทุก { $weeks } สัปดาห์ ใน{ $day } เวลา { $when }
rule-rrule = { $rule } เวลา { $when }

## สิ่งที่การเปลี่ยนแปลงทำ

change-reschedule = ตั้งแต่ { $date } { $after } แทน { $before }
change-cancel = ไม่มีการประชุมใน{ $date }
change-move = การประชุมของ{ $date } ย้ายไปเป็น{ $to }
change-extra = การประชุมเพิ่มเติมใน{ $at }
change-end = ไม่มีการประชุมอีกตั้งแต่{ $date }
minutes-long = { $minutes ->
   *[other] , ความยาว { $minutes } นาที
}
announced = ประกาศเมื่อ { $date }
date-at-time = { $date } เวลา { $time } { $zone }
