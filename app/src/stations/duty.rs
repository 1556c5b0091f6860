//! An officer's duty (岗位): it decides who is suggested when a case is assigned (the
//! community officer of the office covering the address).

coded_enum! {
    /// An officer's post at the station.
    Duty {
        Community => ("community", "社区民警", "Community officer"),
        Window => ("window", "窗口", "Counter"),
        Patrol => ("patrol", "巡逻", "Patrol"),
    }
}
