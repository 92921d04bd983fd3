# mistake: pads each sample in place (resize_ and zero the tail), which changes the dataset's own tensors
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(seq) for seq, _ in batch], dtype=torch.int64)
    longest = int(lengths.max()) if len(batch) else 0
    rows = []
    for seq, _ in batch:
        n = len(seq)
        seq.resize_(longest)
        seq[n:] = 0
        rows.append(seq)
    padded = torch.stack(rows)
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
