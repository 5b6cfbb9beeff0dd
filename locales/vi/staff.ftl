## Staff pages: required in English and Spanish only. Here, a draft of some messages; every
## message missing from this file shows in English.

## The programs a household may qualify for, each referred in one step
case-programs-title = Các chương trình mà hộ gia đình này có thể đủ điều kiện
case-programs-intro = Mọi chương trình đang hoạt động, đối chiếu với những gì cư dân đã cho chúng tôi biết: đủ điều kiện trước, rồi có thể đủ điều kiện, rồi không đủ điều kiện. Lý do được viết như cư dân đọc trên trang xác nhận của họ.
case-programs-none = Chưa có chương trình nào đang hoạt động.
case-programs-eligible = Đủ điều kiện
case-programs-may-qualify = Có thể đủ điều kiện
case-programs-not-eligible = Không đủ điều kiện
case-programs-refer = Giới thiệu
case-programs-refer-label = Giới thiệu đến { $program }
case-programs-refer-note = Ghi chú cho việc giới thiệu đến { $program } (không bắt buộc)
case-programs-referred = Đã giới thiệu trong hồ sơ này: { $status }

## A case whose resident's personal data was removed
case-erased = Dữ liệu cá nhân đã được xóa vào { $date }.

## The way a request came in, and callers waiting for a call back
channel-web = Biểu mẫu trên web
channel-phone = Cuộc gọi điện thoại
channel-walk_in = Đến trực tiếp
channel-sms = Tin nhắn văn bản
case-channel = Đến qua
case-call-back = Gọi lại: người gọi này đang chờ một hướng dẫn viên gọi lại.
cases-call-back = Gọi lại
cases-filter-channel = Đến qua
reports-by-channel = Theo cách cư dân yêu cầu trợ giúp
reports-col-channel = Đến qua
audit-action-view_call_back = Đã xem số để gọi lại

## A voice message left on the phone line
case-event-voice-message = Lời nhắn thoại của người gọi ({ $seconds } giây)
case-event-voice-message-listen = Nghe lời nhắn thoại

## The time and place of a contact, and its minutes in the reports
case-contact-place-label = Diễn ra ở đâu
case-contact-place-choose = Chọn một nơi
case-contact-place-phone = Cuộc gọi điện thoại
case-contact-place-text = Tin nhắn văn bản
case-contact-place-email = Email
case-contact-place-video = Cuộc gọi video
case-contact-place-home_visit = Thăm nhà
case-contact-place-in_person = Gặp trực tiếp
case-contact-place-at = Tại { $site }
case-contact-place-minutes = { $place }, { $minutes } phút
case-contact-minutes-label = Số phút đã dành
case-contact-minutes-hint = Một số nguyên từ 1 đến { $max }. Các chương trình báo cáo số này cho nhà tài trợ.
case-contact-error-place = Chọn nơi diễn ra liên lạc
case-contact-error-site = Địa điểm đó không còn mở: hãy chọn nơi khác
case-contact-error-minutes = Nhập số phút đã dành, là số nguyên từ 1 đến 480
reports-minutes-title = Thời gian dành cho cư dân
reports-minutes-intro = Số phút của các lần liên lạc đã ghi với những cư dân này. Các lần liên lạc ghi trước khi hỏi số phút thì không có số phút: số phút mỗi cư dân chỉ tính những cư dân mà mọi lần liên lạc đều có số phút.
reports-served = Cư dân đã được ghi liên lạc
reports-minutes = Số phút liên lạc
reports-minutes-per = Số phút mỗi cư dân được phục vụ
reports-untimed = Cư dân có lần liên lạc không rõ thời lượng
reports-minutes-by-need = Số phút theo nhu cầu
reports-minutes-by-language = Số phút theo ngôn ngữ
reports-minutes-by-area = Số phút theo khu vực
reports-col-need = Nhu cầu
reports-col-served = Cư dân được phục vụ
reports-col-minutes = Số phút
reports-col-minutes-per = Số phút mỗi cư dân
reports-col-untimed = Không rõ thời lượng

## Reports: appointments
reports-appointments-title = Lịch hẹn
reports-appointments-intro = Các lịch hẹn trong những ngày này, và thời gian cư dân yêu cầu giúp đỡ trong giai đoạn này phải chờ lịch hẹn đầu tiên. Lịch hẹn đã hủy không được tính là đã đặt.
reports-col-booked = Đã đặt
reports-col-attended = Đã đến
reports-col-no-show = Vắng mặt
reports-col-cancelled = Đã hủy
reports-col-attended-share = Đã đến, trong số đã đánh dấu
reports-col-site = Địa điểm
reports-days-to-appointment = Số ngày trung vị từ yêu cầu đến lịch hẹn đầu tiên
reports-days-to-appointment-p90 = Số ngày từ yêu cầu đến lịch hẹn đầu tiên, bách phân vị 90
reports-appointments-csv = Tải xuống lịch hẹn (CSV)
reports-appointments-by-site = Lịch hẹn theo địa điểm
reports-appointments-by-language = Lịch hẹn theo ngôn ngữ
reports-appointments-by-area = Lịch hẹn theo khu vực

## The programs page: where the open data is
programs-open-data = Dữ liệu mở: các chương trình đang hoạt động được công bố cho 211 và các danh bạ khác dưới dạng API Open Referral HSDS 3.0 tại
