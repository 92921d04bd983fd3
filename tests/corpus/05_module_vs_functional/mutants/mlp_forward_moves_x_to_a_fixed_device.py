# mistake: forward moves x to a fixed device as in the tutorial's training script (cuda if available, else cpu) instead of leaving it on the model's device
# targets: test_mlp
# %% mlp
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.dropout = nn.Dropout(p)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.to(device)
        return self.fc2(self.dropout(F.relu(self.fc1(x))))
