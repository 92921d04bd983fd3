# mistake: pad_sequence without batch_first=True gives shape (L, B)
# targets: test_pad_collate
# %% pad_collate
def pad_collate(batch: list[tuple[torch.Tensor, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    sequences = [seq for seq, _ in batch]
    padded = torch.nn.utils.rnn.pad_sequence(sequences)
    lengths = torch.tensor([len(seq) for seq in sequences])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
