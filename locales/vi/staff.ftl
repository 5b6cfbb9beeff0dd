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
