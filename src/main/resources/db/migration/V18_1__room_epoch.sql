-- Several nodes (issue 13): the highest room-lease epoch that wrote for each session. A room's
-- writes (attendance, start, end, removal, agenda) raise it to their own epoch in the same
-- transaction and are refused when a newer owner already wrote (cluster/RoomFence, docs/cluster.md).
create table room_epoch (
    session_id  bigint primary key references review_session (id),
    epoch       bigint not null
);
