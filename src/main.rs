fn main() {
    let kb = obddx::kb::embedded();
    println!("{} causes", kb.causes.len());
}
