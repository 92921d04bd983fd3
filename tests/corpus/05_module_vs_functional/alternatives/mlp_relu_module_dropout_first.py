# why: nn.ReLU as a module and Dropout before ReLU: relu(mask * h / (1 - p)) equals mask * relu(h) / (1 - p)
# %% mlp
class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, p: float) -> None:
        super(MLP, self).__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(p=p)
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.fc1(x)
        x = self.drop(x)
        x = self.act(x)
        return self.fc2(x)
