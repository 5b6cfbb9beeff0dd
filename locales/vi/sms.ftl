## Text messages. Each must fit in 2 SMS segments with real values filled in: at most 306
## characters when every character is in the GSM alphabet, otherwise at most 134.
## Vietnamese with diacritics is always UCS-2: at most 134 characters.
## Variables: $code is an 8-character reference code, $url a link of about 35 characters,
## $program a program name of up to 30 characters, $phone a phone number.

sms-confirmation = Hướng Dẫn Viên Kỹ Thuật Số Denver đã nhận yêu cầu, mã { $code }. Xem { $url }. Nhắn NGUNG để ngừng nhận tin.
sms-still-waiting = Hướng Dẫn Viên Kỹ Thuật Số Denver: chúng tôi không quên yêu cầu { $code } của quý vị. Hướng dẫn viên sẽ sớm liên lạc với quý vị.
sms-did-you-apply = Quý vị đã nộp đơn xin { $program } chưa? Nhắn 1 nếu đã nộp, 2 nếu chưa, 3 nếu cần giúp.
sms-still-connected = Internet ở nhà quý vị còn dùng được không? Nhắn CO hoặc KHONG.
sms-satisfaction = Quý vị hài lòng với sự giúp đỡ đến mức nào? Nhắn một số từ 1 (không hài lòng) đến 5 (rất hài lòng).
sms-opted-out = Quý vị sẽ không nhận tin nhắn từ Hướng Dẫn Viên Kỹ Thuật Số Denver nữa. Nhắn START để nhận lại.
sms-opted-in = Quý vị sẽ lại nhận tin nhắn từ Hướng Dẫn Viên Kỹ Thuật Số Denver. Nhắn NGUNG để ngừng nhận tin.
sms-help = Hướng Dẫn Viên Kỹ Thuật Số Denver: giúp miễn phí về internet và thiết bị. Gọi { $phone }. Nhắn NGUNG để ngừng nhận tin.
sms-reply-received = Cảm ơn. Hướng dẫn viên của quý vị sẽ đọc tin nhắn này.
sms-template-call-back = Denver Digital Navigators: chúng tôi đã gọi cho quý vị về yêu cầu { $code }. Xin gọi lại cho chúng tôi theo số { $phone }.
sms-template-documents = Denver Digital Navigators: cho yêu cầu { $code }, xin mang giấy tờ tùy thân có hình và thư về thu nhập hoặc trợ cấp (như SNAP).

## Xin giúp đỡ qua tin nhắn: mỗi tin nhắn một câu hỏi.
sms-intake-menu = Hướng Dẫn Viên Kỹ Thuật Số Denver. Nhắn NGUNG để ngừng. Ngôn ngữ? { $menu }
sms-intake-menu-again = Xin nhắn số của ngôn ngữ: { $menu }
sms-intake-hello = Hướng Dẫn Viên Kỹ Thuật Số Denver giúp miễn phí về internet. Nhắn NGUNG để ngừng, LAI để quay lại. Tên quý vị là gì?
sms-intake-name-again = Xin nhắn tên của quý vị bằng chữ. Tên quý vị là gì?
sms-intake-name-long = Tên này quá dài. Xin nhắn một tên ngắn hơn.
sms-intake-needs = Quý vị cần giúp gì? Nhắn một hay nhiều số: 1 internet ở nhà, 2 thiết bị, 3 giúp dùng công nghệ
sms-intake-needs-again = Xin nhắn số trong danh sách, như 1 hay 1 3: 1 internet ở nhà, 2 thiết bị, 3 giúp dùng công nghệ
sms-intake-place = Quý vị sống ở đâu? Nhắn mã ZIP hay tên khu phố của quý vị.
sms-intake-place-unknown = Không tìm thấy nơi đó. Xin nhắn mã ZIP 5 số hay tên khu phố của quý vị ở Denver.
sms-intake-place-outside = Mã ZIP này ở ngoài vùng chúng tôi phục vụ. Nếu sống ở Denver, xin nhắn mã ZIP hay khu phố.
sms-intake-consent = Câu cuối: chúng tôi có thể nhắn tin về yêu cầu của quý vị không? Nhắn CO hay KHONG.
sms-intake-consent-again = Xin nhắn CO hay KHONG: chúng tôi có thể nhắn tin về yêu cầu không?
sms-intake-done = Cảm ơn. Mã: { $code }. Hướng dẫn viên sẽ sớm liên lạc. Xem { $url } hay gọi { $phone }.
sms-intake-refused = Xin lỗi, không thể nhận yêu cầu qua tin nhắn từ số này. Xin gọi { $phone }.
sms-intake-expired = Yêu cầu qua tin nhắn chưa xong nên đã bị xóa. Để bắt đầu lại, nhắn MOI.

## Words residents may text back, separated by commas, in capitals, without accents.
## STOP, START, HELP, YES and NO in English always work too.
## DUNG is "dừng" (stop) but also "đúng" (correct) when typed without accents: it is only a stop
## word, never a yes word. Đ has no Unicode decomposition: fold Đ/đ to D when comparing.
sms-keywords-stop = NGUNG, DUNG, HUY, DUNG LAI, NGUNG LAI, NGUNG NHAN, HUY DANG KY
sms-keywords-start = BAT DAU, BAT LAI, NHAN LAI, TIEP TUC, CO
sms-keywords-help = GIUP, TRO GIUP, GIUP DO, HO TRO, THONG TIN
sms-keywords-yes = CO, C, VANG, DUNG ROI
sms-keywords-no = KHONG, KO, K, KG, CHUA
sms-keywords-new = MOI, YEU CAU MOI
sms-keywords-back = LAI, QUAY LAI, TRO LAI
sms-keywords-restart = LAM LAI, BAT DAU LAI

## Lịch hẹn (nhắc hẹn, trả lời, giờ hẹn chọn theo số).
sms-weekday = { $day ->
    [1] Thứ Hai
    [2] Thứ Ba
    [3] Thứ Tư
    [4] Thứ Năm
    [5] Thứ Sáu
    [6] Thứ Bảy
   *[7] Chủ Nhật
}
sms-appointment-date = %d/%m
sms-appointment-time = %H:%M
sms-appointment-when = { $time } { $weekday } { $date }
sms-reminder-day-before = Hướng Dẫn Viên Kỹ Thuật Số Denver: quý vị có hẹn ngày mai, { $when }, tại { $site }, { $address }. Trả lời OK để xác nhận, DOI GIO để đổi giờ, KHONG DEN để hủy.
sms-reminder-soon = Hướng Dẫn Viên Kỹ Thuật Số Denver: quý vị có hẹn hôm nay lúc { $time }, tại { $site }, { $address }. Trả lời OK để xác nhận, DOI GIO để đổi giờ, KHONG DEN để hủy.
sms-appointment-confirmed = Cảm ơn, lịch hẹn { $when } đã được xác nhận. Hẹn gặp quý vị tại { $site }.
sms-appointment-cancelled = Lịch hẹn { $when } đã được hủy. Trả lời DOI GIO để nhận giờ khác.
sms-appointment-booked = Quý vị đã có hẹn: { $when } tại { $site }, { $address }. Trả lời KHONG DEN để hủy.
sms-slot-offer = Hướng Dẫn Viên Kỹ Thuật Số Denver: hãy chọn giờ hẹn. Trả lời bằng số của giờ đó: { $slots }
sms-slot-offer-none = Xin lỗi, không còn giờ trống trong hai tuần tới. Hướng dẫn viên sẽ liên lạc, hoặc gọi { $phone }.
sms-slot-not-offered = { $count ->
    [1] Trả lời 1 để nhận giờ chúng tôi đã gửi.
   *[other] Trả lời một số từ 1 đến { $count }: số của một giờ chúng tôi đã gửi.
}
sms-slot-expired = Những giờ đó không còn được giữ cho quý vị. Trả lời DOI GIO để nhận giờ mới.
sms-slot-taken = Xin lỗi, giờ đó vừa có người đặt. Giờ khác, trả lời bằng số: { $slots }
sms-no-show = Hướng Dẫn Viên Kỹ Thuật Số Denver: hôm nay chúng tôi không gặp được quý vị. Không sao! Hãy chọn giờ mới, trả lời bằng số: { $slots }
sms-no-show-none = Hướng Dẫn Viên Kỹ Thuật Số Denver: hôm nay chúng tôi không gặp được quý vị. Không sao! Hướng dẫn viên sẽ liên lạc để hẹn giờ mới, hoặc gọi { $phone }.
sms-keywords-confirm = OK, XAC NHAN, DONG Y, SE DEN
sms-keywords-cancel-appointment = KHONG DEN, KHONG DEN DUOC, KHONG THE DEN
sms-keywords-another-time = DOI GIO, DOI LICH, GIO KHAC, NGAY KHAC
## Issue 17, part C: a navigator no longer available; their bookings are cancelled. $code, $url.
sms-appointment-cancelled-navigator = Xin lỗi, cuộc hẹn của yêu cầu { $code } đã bị hủy vì hướng dẫn viên không có mặt. Chọn giờ mới tại { $url }
## Issue 18, part B: a lent device due back soon or late, and the answer to a reply asking for
## more time. $device (one of sms-loan-device-*), $tag (its asset tag), $date (sms-loan-day).
sms-loan-day = { $weekday } { $date }
sms-loan-device-hotspot = thiết bị phát wifi (hotspot)
sms-loan-device-laptop = máy tính xách tay
sms-loan-device-tablet = máy tính bảng
sms-loan-device-chromebook = Chromebook
sms-loan-device-other = thiết bị
sms-loan-due-soon = Hướng Dẫn Viên Kỹ Thuật Số Denver: xin vui lòng trả lại { $device } ({ $tag }) trước hoặc vào { $date }. Cần thêm thời gian? Trả lời GIA HAN.
sms-loan-overdue = Hướng Dẫn Viên Kỹ Thuật Số Denver: { $device } ({ $tag }) đã đến hạn trả vào { $date }. Xin vui lòng trả lại, hoặc trả lời GIA HAN để xin hướng dẫn viên thêm thời gian.
sms-loan-more-time = Cảm ơn quý vị. Chúng tôi đã báo hướng dẫn viên rằng quý vị cần thêm thời gian với { $device }. Họ sẽ liên lạc để hẹn ngày mới.
# Replies asking for more time with a lent device. None may be an opt-out, opt-in or help
# word, nor an appointment word, of any language.
sms-keywords-more-time = GIA HAN, XIN GIA HAN, THEM THOI GIAN, CAN THEM THOI GIAN
